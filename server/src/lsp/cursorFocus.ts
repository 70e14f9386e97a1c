// yaml-language-server answers a completion request by deep-copying the whole YAML document first: ~120 ms
// on a 1,000-node spec, though the answer only depends on the cursor's path through it. Completion and hover
// are asked on a copy of the text without the other items of each list the cursor is in (the other nodes,
// taints, ...), a few dozen lines; the lines of the answer are mapped back. Our schemas decide nothing by
// list contents (their only conditions are apiVersion, kind and the type or provider), so the left-out
// items cannot change what is offered or shown.
import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { Position, Range } from '../engine/findings';
import { indentedLineStart, sequenceDash, type YamlDocument, type YamlFile } from '../engine/yamlFile';

interface LineSpan {
  first: number;
  last: number;
}

/** The text around the cursor, and how its positions map to the file's. */
export interface Focus {
  text: string;
  position: Position;
  /** A range of the focused text, in the file. */
  toFile(range: Range): Range;
}

/** The focus for a cursor, or undefined when no list item can be left out (ask on the document itself). */
export function focusOn(file: YamlFile, document: YamlDocument, position: Position): Focus | undefined {
  const left: LineSpan[] = [];
  collectOtherItems(document.doc.contents, file, position, left);
  if (left.length === 0) return undefined;
  left.sort((a, b) => a.first - b.first);
  const size = (span: LineSpan) => span.last - span.first + 1;
  const lineInFile = (line: number) => {
    for (const span of left) if (span.first <= line) line += size(span);
    return line;
  };
  const leftBefore = left.filter((span) => span.last < position.line).reduce((sum, span) => sum + size(span), 0);
  return {
    text: withoutLines(file, left),
    position: { line: position.line - leftBefore, character: position.character },
    toFile: (range) => ({
      start: { line: lineInFile(range.start.line), character: range.start.character },
      // An end at a line's start is the end of the line before: it stays before lines left out there.
      end:
        range.end.character === 0 && range.end.line > 0
          ? { line: lineInFile(range.end.line - 1) + 1, character: 0 }
          : { line: lineInFile(range.end.line), character: range.end.character },
    }),
  };
}

/** Walks down the cursor's path; in each block list it runs through, every item but the cursor's is left out. */
function collectOtherItems(node: unknown, file: YamlFile, cursor: Position, into: LineSpan[]): void {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && contains(spanOf(p.value as Node, file), cursor.line));
    if (pair) collectOtherItems(pair.value, file, cursor, into);
    return;
  }
  if (!isSeq(node) || node.flow) return;
  const items = node.items.map((item) => itemSpan(item as Node, file));
  // Only lists whose every item starts its own line (no `- - a`), and only when the cursor is inside an item,
  // after its `-`: in front of it, between items or after the last one, what is near depends on the others.
  const cursorItem = items.findIndex(
    (span) => span && contains(span, cursor.line) && (cursor.line > span.first || cursor.character > span.dashColumn),
  );
  if (cursorItem < 0 || items.some((span) => !span)) return;
  items.forEach((span, i) => i !== cursorItem && into.push(span!));
  collectOtherItems(node.items[cursorItem], file, cursor, into);
}

/** From the line of an item's `-` to the line its content ends on; undefined if something precedes the `-`. */
function itemSpan(item: Node | null, file: YamlFile): (LineSpan & { dashColumn: number }) | undefined {
  if (!item?.range) return undefined;
  const dash = sequenceDash(file.text, item.range[0]);
  const lineStart = dash === undefined ? undefined : indentedLineStart(file.text, dash);
  if (dash === undefined || lineStart === undefined) return undefined;
  const span = spanOf(item, file);
  return span && { first: file.position(dash).line, last: span.last, dashColumn: dash - lineStart };
}

function spanOf(node: Node | null | undefined, file: YamlFile): LineSpan | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  return { first: file.position(start).line, last: file.position(Math.max(start, valueEnd - 1)).line };
}

const contains = (span: LineSpan | undefined, line: number) => !!span && span.first <= line && line <= span.last;

/** The file's text without the lines of `spans` (sorted, not overlapping). */
function withoutLines(file: YamlFile, spans: LineSpan[]): string {
  const starts = file.lineCounter.lineStarts;
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(file.text.slice(at, starts[span.first]));
    at = starts[span.last + 1] ?? file.text.length;
  }
  parts.push(file.text.slice(at));
  return parts.join('');
}
