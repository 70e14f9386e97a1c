// Text edits for the rules' quick fixes. Small targeted edits (never a whole-document rewrite), so
// comments, key order and the user's layout survive; block and flow styles are both respected.
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import type { TextEdit } from '../findings';
import { locate, type Path } from '../yamlFile';
import type { NodeView } from './clusterView';
import type { RuleContext } from '../rules/rule';

/** Replaces the value at `path` (e.g. quoting a port, renaming a role). */
export function replaceValue(context: RuleContext, path: Path, newText: string): TextEdit {
  return { range: context.range(path, 'value'), newText };
}

/** Renames the key at `path`, leaving its value untouched. */
export function renameKey(context: RuleContext, path: Path, newKey: string): TextEdit {
  return { range: context.range(path, 'key'), newText: newKey };
}

/**
 * A scalar as YAML writes it: quoted only where a plain scalar would read as something else. Inside
 * a flow collection (`inFlow`), `,[]{}` end a plain scalar, so such text is quoted too.
 */
export function yamlScalar(value: string | number | boolean, inFlow = false): string {
  const plain = stringify(value).trimEnd();
  return inFlow && typeof value === 'string' && /[,[\]{}]/.test(plain) && !/^["']/.test(plain) ? JSON.stringify(value) : plain;
}

/** Replaces the scalar at `path` with `value`, quoted as its place in the document needs. */
export function replaceScalar(context: RuleContext, path: Path, value: string): TextEdit {
  return replaceValue(context, path, yamlScalar(value, isInFlow(context, path)));
}

/** Whether the node at `path` sits inside a flow collection (`{…}` or `[…]`). */
function isInFlow(context: RuleContext, path: Path): boolean {
  for (let i = path.length - 1; i >= 0; i--) {
    const { node, missing } = locate(context.document.doc, path.slice(0, i));
    if (missing === 0 && (isMap(node) || isSeq(node)) && node.flow) return true;
  }
  return false;
}

export type FlatRecord = Record<string, string>;

/** Sets a node's roles; undefined when its roles hold anything but strings (a fix must not drop it). */
export function rolesEdit(context: RuleContext, node: NodeView, roles: readonly string[]): TextEdit | undefined {
  const current = node.value.roles;
  if (!Array.isArray(current) || !current.every((r) => typeof r === 'string')) return undefined;
  return setScalarSequence(context, [...node.path, 'roles'], roles);
}

/**
 * Rewrites the sequence of scalars at `path` (e.g. a node's roles) with new values, in its own style:
 * `[a, b]` stays flow, a block list keeps its indentation. Undefined when the value is not a sequence.
 */
export function setScalarSequence(context: RuleContext, path: Path, values: readonly string[]): TextEdit | undefined {
  const found = locate(context.document.doc, path);
  if (found.missing !== 0 || !isSeq(found.node)) return undefined;
  const seq = found.node;
  if (seq.flow || values.length === 0) {
    return replaceValue(context, path, `[${values.map((v) => yamlScalar(v, true)).join(', ')}]`);
  }
  const { text } = context.file;
  const start = seq.range?.[0] ?? 0;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  let end = (last?.range?.[1] ?? start) - 1;
  while (end > start && /\s/.test(text[end])) end--;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(column(context, seq));
  return {
    range: context.file.range(start, end + 1),
    newText: values.map((v, i) => `${i === 0 ? '' : indent}- ${yamlScalar(v)}`).join(eol),
  };
}

/**
 * Appends records to the sequence at `path`. Where the sequence is missing but its parent map
 * exists, adds the key with a new sequence. Undefined when neither shape is there (nothing safe to do).
 */
export function appendToSequence(context: RuleContext, path: Path, items: readonly FlatRecord[]): TextEdit | undefined {
  const found = locate(context.document.doc, path);
  if (found.missing === 0 && isSeq(found.node)) {
    const seq = found.node;
    if (seq.flow) return insertInFlow(context, seq, ']', items.map(flowRecord).join(', '));
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    const indent = ' '.repeat(column(context, seq));
    const lines = items.map((item) => blockItem(item, indent)).join('\n');
    return insertAfterLine(context, last ?? seq, lines);
  }
  if (found.missing !== 1) return undefined;
  const key = String(path[path.length - 1]);
  return addEntry(context, path.slice(0, -1), {
    flow: `${key}: [${items.map(flowRecord).join(', ')}]`,
    block: (indent) => [`${indent}${key}:`, ...items.map((item) => blockItem(item, `${indent}  `))].join('\n'),
  });
}

/** Adds `key: value` (a scalar) to the map at `mapPath`. */
export function addScalar(context: RuleContext, mapPath: Path, key: string, value: string | number | boolean): TextEdit | undefined {
  return addEntry(context, mapPath, {
    flow: `${key}: ${yamlScalar(value, true)}`,
    block: (indent) => `${indent}${key}: ${yamlScalar(value)}`,
  });
}

/**
 * Adds an entry to the map at `mapPath`: in a flow map before its `}`, in a block map on new lines
 * after its last entry, at the indentation of its keys. Undefined when there is no such map.
 */
function addEntry(context: RuleContext, mapPath: Path, entry: { flow: string; block: (indent: string) => string }): TextEdit | undefined {
  const parent = locate(context.document.doc, mapPath);
  if (parent.missing !== 0 || !isMap(parent.node)) return undefined;
  const map = parent.node;
  if (map.flow) return insertInFlow(context, map, '}', entry.flow);
  const lastPair = map.items[map.items.length - 1];
  if (!lastPair) return undefined;
  const lastNode = (isNodeLike(lastPair.value) ? lastPair.value : lastPair.key) as Node;
  return insertAfterLine(context, lastNode, entry.block(' '.repeat(column(context, map))));
}

function blockItem(item: FlatRecord, indent: string): string {
  return Object.entries(item)
    .map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${yamlScalar(v)}`)
    .join('\n');
}

function flowRecord(item: FlatRecord): string {
  return `{${Object.entries(item)
    .map(([k, v]) => `${k}: ${yamlScalar(v, true)}`)
    .join(', ')}}`;
}

function column(context: RuleContext, node: Node): number {
  return context.file.position(node.range?.[0] ?? 0).character;
}

/**
 * Inserts new lines after the line where `node`'s content ends (after any comment on that line),
 * with the file's own line ending.
 */
function insertAfterLine(context: RuleContext, node: Node, lines: string): TextEdit {
  const { text } = context.file;
  let end = (node.range?.[1] ?? 0) - 1;
  while (end > 0 && /\s/.test(text[end])) end--;
  const newline = text.indexOf('\n', end);
  const crlf = newline > 0 ? text[newline - 1] === '\r' : text.includes('\r\n');
  const eol = crlf ? '\r\n' : '\n';
  const lineEnd = newline < 0 ? text.length : crlf ? newline - 1 : newline;
  const at = context.file.position(lineEnd);
  return { range: { start: at, end: at }, newText: `${eol}${lines.replace(/\n/g, eol)}` };
}

/** Inserts before the closing bracket of a flow collection, with a comma unless one is already there. */
function insertInFlow(context: RuleContext, node: Node, closing: ']' | '}', content: string): TextEdit {
  const { text } = context.file;
  const close = text.lastIndexOf(closing, (node.range?.[1] ?? 1) - 1);
  let before = close - 1;
  while (before > 0 && /\s/.test(text[before])) before--;
  const needsComma = !/[[{,]/.test(text[before]);
  const at = context.file.position(close);
  return { range: { start: at, end: at }, newText: needsComma ? `, ${content}` : content };
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}
