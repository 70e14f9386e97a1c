// Text edits for the rules' quick fixes. Small targeted edits (never a whole-document rewrite), so
// comments, key order and the user's layout survive; block and flow styles are both respected.
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import type { TextEdit } from '../findings';
import { locate, type Path } from '../yamlFile';
import type { RuleContext } from './rule';

/** Replaces the value at `path` (e.g. quoting a port, renaming a role). */
export function replaceValue(context: RuleContext, path: Path, newText: string): TextEdit {
  return { range: context.range(path, 'value'), newText };
}

/** Renames the key at `path`, leaving its value untouched. */
export function renameKey(context: RuleContext, path: Path, newKey: string): TextEdit {
  return { range: context.range(path, 'key'), newText: newKey };
}

/** A scalar as YAML writes it: quoted only where a plain scalar would read as something else. */
export function yamlScalar(value: string | number | boolean): string {
  return stringify(value).trimEnd();
}

export type FlatRecord = Record<string, string>;

/**
 * Appends records to the sequence at `path`. Where the sequence is missing but its parent map
 * exists, adds the key with a new sequence. Undefined when neither shape is there (nothing safe to do).
 */
export function appendToSequence(context: RuleContext, path: Path, items: readonly FlatRecord[]): TextEdit | undefined {
  const { document } = context;
  const found = locate(document.doc, path);
  if (found.missing === 0 && isSeq(found.node)) {
    const seq = found.node;
    if (seq.flow) return insertInFlow(context, seq, ']', items.map(flowRecord).join(', '));
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    const indent = ' '.repeat(column(context, seq));
    const lines = items.map((item) => blockItem(item, indent)).join('\n');
    return insertAfterLine(context, last ?? seq, lines);
  }
  const parentPath = path.slice(0, -1);
  const parent = locate(document.doc, parentPath);
  if (found.missing !== 1 || parent.missing !== 0 || !isMap(parent.node)) return undefined;
  const key = String(path[path.length - 1]);
  const map = parent.node;
  if (map.flow) return insertInFlow(context, map, '}', `${key}: [${items.map(flowRecord).join(', ')}]`);
  if (map.items.length === 0) return undefined;
  const indent = ' '.repeat(column(context, map));
  const lines = [`${indent}${key}:`, ...items.map((item) => blockItem(item, `${indent}  `))].join('\n');
  const lastPair = map.items[map.items.length - 1];
  const lastNode = (isNodeLike(lastPair.value) ? lastPair.value : lastPair.key) as Node;
  return insertAfterLine(context, lastNode, lines);
}

function blockItem(item: FlatRecord, indent: string): string {
  return Object.entries(item)
    .map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${yamlScalar(v)}`)
    .join('\n');
}

function flowRecord(item: FlatRecord): string {
  return `{${Object.entries(item)
    .map(([k, v]) => `${k}: ${yamlScalar(v)}`)
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
