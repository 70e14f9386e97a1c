// The "Move to `spec`" quick fix: moves one `key: value` entry of a block map, with the comment lines just above
// it and everything nested under it, to another block map, re-indented to that map's keys. Text edits only (a
// delete and an insert), so comments, key order and layout elsewhere stay as they are.
import { isMap, type Node, type Pair } from 'yaml';
import type { TextEdit } from '../findings';
import { indentedLineStart, locate, type Path, type YamlDocument, type YamlFile } from '../yamlFile';

/**
 * Edits that move the entry at `from` into the map at `to` (up: placed just before the entry of `to` that holds
 * it; down: after the last entry of `to`). Undefined where that cannot be done safely: a flow map on either
 * side, a missing target map, or a target that already has the key.
 */
export function moveEntry(file: YamlFile, document: YamlDocument, from: Path, to: Path, direction: 'up' | 'down'): TextEdit[] | undefined {
  const key = String(from[from.length - 1]);
  const source = locate(document.doc, from.slice(0, -1));
  const target = locate(document.doc, to);
  if (source.missing !== 0 || target.missing !== 0 || !isMap(source.node) || !isMap(target.node)) return undefined;
  if (source.node.flow || target.node.flow || target.node.items.some((p) => keyText(p) === key)) return undefined;
  const pair = source.node.items.find((p) => keyText(p) === key);
  const keyNode = pair?.key as Node | undefined;
  if (!pair || !keyNode?.range) return undefined;

  const { text } = file;
  const keyStart = keyNode.range[0];
  const lineStart = indentedLineStart(text, keyStart);
  if (lineStart === undefined) return undefined;
  const start = withCommentsAbove(text, lineStart, keyStart - lineStart);
  const end = lineEndAfter(text, pair);
  const block = text.slice(start, end);

  const targetColumn = columnOf(file, target.node);
  const shift = targetColumn - (keyStart - lineStart);
  const moved = reindent(block, shift);
  if (moved === undefined) return undefined;
  const deletion: TextEdit = { range: file.range(start, end), newText: '' };

  if (direction === 'up') {
    // Before the entry of the target map whose value holds the key (e.g. before `config:` in `spec`).
    const holder = target.node.items.find((p) => isNodeWith(p.value) && p.value.range[0] <= keyStart && keyStart <= p.value.range[2]);
    const holderKey = holder?.key as Node | undefined;
    if (!holderKey?.range) return undefined;
    const holderLine = indentedLineStart(text, holderKey.range[0]);
    if (holderLine === undefined) return undefined;
    const at = withCommentsAbove(text, holderLine, holderKey.range[0] - holderLine);
    return [{ range: file.range(at, at), newText: moved }, deletion];
  }
  // Down: after the last line of the target map (which lies outside the moved entry, a sibling of it).
  const last = target.node.items[target.node.items.length - 1];
  if (!last) return undefined;
  const after = lineEndAfter(text, last);
  if (after > start && after <= end) return undefined;
  const newline = after === text.length && !text.endsWith('\n') ? '\n' : '';
  return [deletion, { range: file.range(after, after), newText: newline + moved }];
}

const keyText = (pair: Pair) => {
  const key = pair.key as { value?: unknown } | null;
  return key && typeof key === 'object' && 'value' in key ? String(key.value) : undefined;
};

function isNodeWith(value: unknown): value is Node & { range: [number, number, number] } {
  return value !== null && typeof value === 'object' && Array.isArray((value as Node).range);
}

function columnOf(file: YamlFile, map: Node): number {
  const first = (map as { items?: Pair[] }).items?.[0]?.key as Node | undefined;
  return file.position(first?.range?.[0] ?? map.range?.[0] ?? 0).character;
}

/** Extends a line start upward over comment lines at the same indentation directly above (they describe the key). */
function withCommentsAbove(text: string, lineStart: number, indent: number): number {
  let start = lineStart;
  while (start > 0) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(previous, start - 1).replace(/\r$/, '');
    if (!new RegExp(`^ {${indent}}#`).test(line)) break;
    start = previous;
  }
  return start;
}

/** The offset just after the line break that ends the last line of a pair's content (or the text's end). */
function lineEndAfter(text: string, pair: Pair): number {
  const value = isNodeWith(pair.value) ? pair.value : (pair.key as Node);
  let end = (value.range?.[1] ?? 0) - 1;
  while (end > 0 && /\s/.test(text[end])) end--;
  const newline = text.indexOf('\n', end);
  return newline < 0 ? text.length : newline + 1;
}

/** Shifts every non-empty line by `shift` columns; undefined when a line has too little indentation to lose. */
function reindent(block: string, shift: number): string | undefined {
  const lines = block.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      out.push(line);
      continue;
    }
    if (shift >= 0) out.push(' '.repeat(shift) + line);
    else if (/^ *$/.test(line.slice(0, -shift))) out.push(line.slice(-shift));
    else return undefined;
  }
  const result = out.join('\n');
  return result.endsWith('\n') ? result : `${result}\n`;
}
