// Re-parsing after an edit without parsing the whole text again. Typing changes one value, one key or one
// list item at a time; on a 1,000-node spec a full parse costs ~170 ms while the edited item parses in well
// under a millisecond. The run of items of the innermost block collection that holds the edit is parsed on
// its own and spliced into the previous parse; every position after it moves by the change in length.
// Whenever the edit could parse differently in context than alone, this gives up and the caller parses it all.
import { LineCounter, isAlias, isDocument, isMap, isPair, isScalar, isSeq } from 'yaml';
import { MAX_NESTING, parseAllDocumentsBounded } from './boundedParse';
import type { Document, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { PARSE_OPTIONS, YamlFile, describeDocument, indentedLineStart, sequenceDash, settled } from './yamlFile';

type Collection = YAMLMap | YAMLSeq;
type Range3 = [number, number, number];

/** The edited span: [start, end) in the previous text became [start, end + delta) in the new one. */
interface TextEdit {
  start: number;
  end: number;
  delta: number;
}

/** Items first..last of a block collection, from the line start of `first` to the line start of the item after `last`. */
interface ItemRun {
  collection: Collection;
  first: number;
  last: number;
  start: number;
  end: number;
  /** The column every item of the collection starts at. */
  column: number;
  /** How deep the collection nests in its document (the top-level collection: 1). */
  depth: number;
}

/**
 * The new text's parse, built from `previous` (whose parse it takes over: `previous` must not be used again),
 * or undefined when the edit is not confined to items of one block collection and the whole text must be parsed.
 */
export function reparse(previous: YamlFile, text: string): YamlFile | undefined {
  const edit = textEdit(previous.text, text);
  if (!edit) return new YamlFile(previous.uri, text, { documents: previous.documents, lineCounter: previous.lineCounter });
  if (previous.documents.some((d) => d.doc.errors.length > 0 || d.doc.warnings.length > 0)) return undefined;
  const edited = previous.documents.find((d) => containsEdit(d.doc, edit));
  if (!edited || !hasDefaultDirectives(edited.doc) || hasAnchors(edited.doc)) return undefined;

  for (const run of enclosingRuns(edited.doc.contents as Collection, previous.text, edit).reverse()) {
    // A run this large costs about what parsing everything does.
    if (run.end - run.start > previous.text.length / 2) break;
    const parsed = parseRun(text, run, run.end + edit.delta);
    if (!parsed) continue;
    for (const document of previous.documents.slice(edited.index)) shiftFrom(document.doc, run.end, edit.delta);
    for (const item of parsed.items) shiftFrom(item, 0, run.start);
    (run.collection.items as unknown[]).splice(run.first, run.last - run.first + 1, ...parsed.items);
    if (run.first === 0) moveStart(run.collection, edited.doc, run.start + parsed.start);
    const documents = previous.documents.map((d) => (d === edited ? describeDocument(d.doc, d.index) : settled(d)));
    return new YamlFile(previous.uri, text, { documents, lineCounter: lineCounterOf(text) });
  }
  return undefined;
}

/** The one span where two texts differ (common prefix and suffix taken off), or undefined when they are equal. */
function textEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start, end: before.length - suffix, delta: after.length - before.length };
}

function containsEdit(doc: Document.Parsed, edit: TextEdit): boolean {
  const contents = doc.contents;
  return isBlockCollection(contents) && !!contents.range && contents.range[0] <= edit.start && edit.end <= contents.range[2];
}

/** %YAML 1.1 or %TAG directives change how scalars and tags resolve; a run parsed alone would not see them. */
function hasDefaultDirectives(doc: Document.Parsed): boolean {
  const { tags, yaml } = doc.directives;
  return !yaml.explicit && Object.keys(tags).every((handle) => handle === '!!');
}

const anchorFree = new WeakSet<Document.Parsed>();

/** Aliases can point across the run's edge, so documents with anchors or aliases are always parsed whole. */
function hasAnchors(doc: Document.Parsed): boolean {
  if (anchorFree.has(doc)) return false;
  if (usesAnchors(doc.contents)) return true;
  anchorFree.add(doc);
  return false;
}

function usesAnchors(node: unknown): boolean {
  if (isAlias(node)) return true;
  if (isPair(node)) return usesAnchors(node.key) || usesAnchors(node.value);
  if (isScalar(node)) return !!node.anchor;
  if (isMap(node) || isSeq(node)) return !!node.anchor || node.items.some(usesAnchors);
  return false;
}

/** The runs holding the edit, from the document's top-level collection down to the innermost one. */
function enclosingRuns(root: Collection, text: string, edit: TextEdit): ItemRun[] {
  const runs: ItemRun[] = [];
  let collection: unknown = root;
  for (let depth = 1; isBlockCollection(collection); depth++) {
    const run = runOf(collection, text, edit, depth);
    if (!run) break;
    // A run needs a next item: then every enclosing node ends after the run, and nothing else changes inside it.
    // Without one (the edit is in the last item) it cannot be spliced here, but maybe further in.
    if (run.end !== undefined) runs.push(run as ItemRun);
    if (run.first !== run.last) break;
    const item = collection.items[run.first];
    collection = isPair(item) ? item.value : item;
  }
  return runs;
}

function runOf(collection: Collection, text: string, edit: TextEdit, depth: number): (Omit<ItemRun, 'end'> & { end?: number }) | undefined {
  const starts: { lineStart: number; column: number }[] = [];
  for (const item of collection.items) {
    const start = itemStart(item, text);
    if (!start) return undefined;
    starts.push(start);
  }
  let first = -1;
  let last = -1;
  starts.forEach(({ lineStart }, index) => {
    // An edit at an item's line start may add lines that belong to the item before: take that one in too.
    if (lineStart < edit.start || (index === 0 && lineStart === edit.start)) first = index;
    if (lineStart < Math.max(edit.end, edit.start + 1)) last = index;
  });
  if (first < 0) return undefined;
  return { collection, first, last, start: starts[first].lineStart, end: starts[last + 1]?.lineStart, column: starts[0].column, depth };
}

/**
 * Where an item's line starts, when only indentation (and a sequence's `-`) comes before the item on that line.
 * Undefined for an empty key or item: where those start depends on what precedes them, even outside the run.
 */
function itemStart(item: unknown, text: string): { lineStart: number; column: number } | undefined {
  let at: number | undefined;
  if (isPair(item)) {
    if (!isScalar(item.key) || !item.key.range || item.key.range[1] === item.key.range[0]) return undefined;
    at = item.key.range[0];
  } else {
    const range = (item as { range?: Range3 | null } | null)?.range;
    if (!range || range[1] === range[0]) return undefined;
    at = sequenceDash(text, range[0]);
  }
  const lineStart = at === undefined ? undefined : indentedLineStart(text, at);
  return at === undefined || lineStart === undefined ? undefined : { lineStart, column: at - lineStart };
}

/** A collection starts where its first item does; so does its document when the collection is the top level. */
function moveStart(collection: Collection, doc: Document.Parsed, start: number): void {
  if (!collection.range) return;
  if (doc.range[0] === collection.range[0]) doc.range[0] = start;
  collection.range[0] = start;
}

/**
 * The run's new items (its text is now start..end) and where the first one starts in that text, when that text
 * parses alone exactly as it does in place; else undefined. The next item's first line is parsed along and then
 * dropped, so trailing comments and blank lines end the run just as they do before that item in the whole text.
 */
function parseRun(text: string, run: ItemRun, end: number): { items: unknown[]; start: number } | undefined {
  const nextLineEnd = text.indexOf('\n', end);
  const source = text.slice(run.start, nextLineEnd < 0 ? text.length : nextLineEnd + 1);
  // A line left of the collection would end it in place, but could continue a scalar when parsed alone.
  if (!source.split('\n').every((line) => isBlankOrComment(line) || indentOf(line) >= run.column)) return undefined;
  // The run's collection is the source's top level: what it nests counts on top of the levels above it. Too deep: the
  // full parse says so.
  const docs = parseAllDocumentsBounded(source, PARSE_OPTIONS, MAX_NESTING - (run.depth - 1)).documents;
  if (!docs || docs.length !== 1) return undefined;
  const [doc] = docs;
  const contents = doc.contents;
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isBlockCollection(contents) || !contents.range) return undefined;
  if (isMap(contents) !== isMap(run.collection) || usesAnchors(contents)) return undefined;
  const items = contents.items as unknown[];
  const starts = items.map((item) => itemStart(item, source));
  // Every item non-empty and at the collection's column; the first on the run's first line (a comment or blank
  // line above it could belong to the item before); the last one the next item's line, and at least one between.
  if (items.length < 2 || starts.some((start) => start?.column !== run.column) || starts[0]?.lineStart !== 0) return undefined;
  if (starts[starts.length - 1]?.lineStart !== end - run.start) return undefined;
  const runItems = items.slice(0, -1);
  if (isMap(contents) && duplicatesOutsideRun(runItems as Pair[], run)) return undefined;
  return { items: runItems, start: contents.range[0] };
}

/** Whether a new key repeats one of the map's keys outside the run (a duplicate the parser would have refused). */
function duplicatesOutsideRun(pairs: Pair[], run: ItemRun): boolean {
  const outside = (run.collection.items as Pair[]).filter((_, i) => i < run.first || i > run.last);
  const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined);
  const taken = new Set(outside.map(keyOf));
  return pairs.some((pair) => keyOf(pair) === undefined || taken.has(keyOf(pair)));
}

/** Moves every position at or after `from` by `delta`, in a node and all it holds. */
function shiftFrom(node: unknown, from: number, delta: number): void {
  const holder = node as { range?: Range3 | null };
  if (holder?.range) {
    if (holder.range[2] < from) return; // ranges nest: nothing inside ends later
    for (let i = 0; i < 3; i++) if (holder.range[i] >= from) holder.range[i] += delta;
  }
  if (isPair(node)) {
    shiftFrom(node.key, from, delta);
    shiftFrom(node.value, from, delta);
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) shiftFrom(item, from, delta);
  } else if (isDocument(node)) {
    shiftFrom(node.contents, from, delta);
  }
}

function isBlockCollection(node: unknown): node is Collection {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

function isBlankOrComment(line: string): boolean {
  const content = line.trimStart();
  return content === '' || content.startsWith('#');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) counter.addNewLine(at + 1);
  return counter;
}
