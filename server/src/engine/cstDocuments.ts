// The common case of a spec, composed straight from the `yaml` package's CST, without its composer.
//
// `parseAllDocuments` spends about a third of a large spec's parse composing (resolving every token's
// properties, folding every scalar with freshly compiled regular expressions, checking for errors that a
// well-formed spec never has), and then `toJS` walks the result again. For a stream made only of block maps,
// block sequences and scalars without anchors, aliases, tags, directives, flow collections, explicit keys,
// merge keys, empty values, tabs in indentation or anything the composer would report, the composer's result is
// fully determined by the CST; this module reads it from the package's own CST, using the package's own scalar
// resolution (CST.resolveAsScalar, the core schema's tags), in two walks: the first gives the plain value (what
// `toJS` gives), the document's range and every check that could hand the text over; the second, only when
// something first reads the nodes (a quick fix, an edit's re-parse, symbols), builds the same nodes the composer
// would (same classes, ranges, values, scalar types, formats, spaceBefore flags). Until then a finding's range
// is read from the CST (rangeInCst), so checking a spec with a few findings composes no nodes; the CST is kept
// that long (about twice the nodes' memory) and let go once the nodes exist.
//
// Whatever it does not model exactly it does not guess at: `composeFromCst` returns undefined, and the caller
// parses the text with `parseAllDocuments` as before. Not modelled (and so never fast): comments' text (the
// nodes carry no `comment`/`commentBefore`; only the migration prints a document, and it asks for a full parse,
// see YamlFile.fullDocuments). test/property/cstDocuments.property.test.ts compares both paths node by node.
import { CST, Document, LineCounter, Pair, Parser, Scalar, YAMLMap, YAMLSeq, isScalar } from 'yaml';
import type { ParsedNode, ScalarTag } from 'yaml';
import { MAX_NESTING } from './boundedParse';

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type Range3 = [number, number, number];

/**
 * One document of the stream: its plain value (what `toJS` gives), range and markers at once; its nodes (as
 * `parseAllDocuments` composes them, less comment text) when `document()` is first called. Until then the
 * document's CST is kept (about twice the nodes' memory); a valid spec's check reads values only.
 */
export interface CstDocument {
  value: unknown;
  range: [number, number, number];
  docStart: boolean;
  docEnd: boolean;
  /** The document with its nodes, composed from the CST on the first call (the same object afterwards). */
  document(): Document.Parsed;
  /** YamlFile.rangeAt's offsets, read from the CST while the nodes are not composed; undefined once they are. */
  rangeAt(path: readonly (string | number)[], target: 'key' | 'value'): [number, number] | undefined;
}

/** Thrown (and caught in composeFromCst) wherever the input leaves what is modelled here. */
class NotModelled extends Error {}
function notModelled(): never {
  throw new NotModelled();
}

/** The core schema's tags that plain scalars are tested against, in the order the composer tries them. */
interface Resolver {
  schema: Document['schema'];
  options: Document['options'];
  byTest: ScalarTag[];
  byTestAtKey: ScalarTag[];
  string: ScalarTag;
}

/**
 * The first characters a plain scalar matched by a core schema tag other than `str` can start with
 * (null `~ null Null NULL`, bool `true True TRUE false …`, int/hex/octal/float digits, signs, `.inf`/`.nan`);
 * any other plain scalar is a string. test/engine/cstDocuments.test.ts pins the tags' patterns this relies on.
 */
export const NON_STRING_START = '~nNtTfF0123456789+-.';
const nonStringStart = new Set(NON_STRING_START);

/** The documents of `text`, or undefined when the text holds anything not modelled here (parse it in full). */
export function composeFromCst(text: string, lineCounter: LineCounter, options: Record<string, unknown>): CstDocument[] | undefined {
  try {
    return compose(text, lineCounter, options);
  } catch {
    // NotModelled, or anything else going wrong here (e.g. a stack overflow on deep nesting): the full parse decides.
    return undefined;
  }
}

function compose(text: string, lineCounter: LineCounter, options: Record<string, unknown>): CstDocument[] {
  const documents: CstDocument[] = [];
  let resolver: Resolver | undefined;
  // One document's CST at a time, as the composer takes them.
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    switch (token.type) {
      case 'document': {
        resolver ??= resolverOf(new Document(undefined, options));
        documents.push(readDocument(token, resolver, options));
        break;
      }
      case 'doc-end': {
        const last = documents[documents.length - 1];
        if (!last) notModelled(); // "Unexpected doc-end without preceding document"
        last.docEnd = true;
        last.range[2] = endOf(token.end, token.offset + token.source.length, true);
        break;
      }
      case 'comment':
      case 'newline':
      case 'space':
        break;
      default:
        // directive, byte-order-mark, error, or anything new
        notModelled();
    }
  }
  return documents;
}

function resolverOf(doc: Document): Resolver {
  const tags = doc.schema.tags as ScalarTag[];
  const stringTag = (doc.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
  if (!stringTag || doc.schema.compat) notModelled();
  return {
    schema: doc.schema,
    options: doc.options,
    byTest: tags.filter((tag) => tag.default === true && tag.test),
    byTestAtKey: tags.filter((tag) => (tag.default === true || tag.default === 'key') && tag.test),
    string: stringTag,
  };
}

/** The document's value, range and markers now (every check that could hand it over included); its nodes later. */
function readDocument(token: CST.Document, resolver: Resolver, options: Record<string, unknown>): CstDocument {
  const { offset, start, value, end } = token;
  if (!value) notModelled(); // an empty document: an empty scalar's position is the composer's business
  const props = resolveProps(start, 'doc-start', true, offset);
  if (props.found && (value.type === 'block-map' || value.type === 'block-seq') && !props.hasNewline) notModelled();
  // A scalar at the root resolves differently (block scalars) and is no spec: not modelled.
  if (value.type !== 'block-map' && value.type !== 'block-seq') notModelled();
  const contents = composeRoot(value, props.spaceBefore, false, resolver, false);
  const spaceBefore = props.spaceBefore;
  /** The CST of the contents, kept until the nodes are composed. */
  let cst: Token | undefined = value;
  let doc: Document.Parsed | undefined;
  const read: CstDocument = {
    value: contents.value,
    range: [offset, contents.end, endOf(end, contents.end, false)],
    docStart: props.found !== undefined,
    docEnd: false,
    document() {
      if (!doc) {
        const composed = new Document(undefined, options) as Document.Parsed;
        // The same walk again, now building the nodes (with the document's own schema, as the composer does).
        composed.contents = composeRoot(cst!, spaceBefore, false, { ...resolver, schema: composed.schema }, true).node as never;
        composed.range = [...read.range];
        if (read.docStart) composed.directives.docStart = true;
        if (read.docEnd) composed.directives.docEnd = true;
        doc = composed;
        cst = undefined;
      }
      return doc;
    },
    rangeAt(path, target) {
      return cst ? rangeInCst(cst, [contents.start, contents.valueEnd], path, target, resolver) : undefined;
    },
  };
  return read;
}

/**
 * YamlFile.rangeAt's answer ([start, end) offsets) read from the CST, without composing the nodes: `locate` along
 * the path (map keys compared as String(key value), list items by index), then the key's range where the path
 * goes missing or the key is asked for, else the node's own range ([0], [1] of its range).
 */
function rangeInCst(root: Token, rootRange: [number, number], path: readonly (string | number)[], target: 'key' | 'value', resolver: Resolver): [number, number] {
  let token = root;
  let key: Composed | undefined;
  let missing = 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    let next: { token: Token; key: Composed | undefined } | undefined;
    if (token.type === 'block-map') {
      for (const item of token.items) {
        // The composer's pairs: the items with a `:` (the others are comment lines); every key is a scalar here.
        if (!item.sep || !item.key || !item.value) continue;
        const itemKey = composeRoot(item.key, false, true, resolver, false);
        if (String(itemKey.value) === String(segment)) {
          next = { token: item.value, key: itemKey };
          break;
        }
      }
    } else if (token.type === 'block-seq' && typeof segment === 'number') {
      // The composer's items: the ones with a value (the others are comment lines).
      const item = token.items.filter((it) => it.value)[segment];
      if (item?.value) next = { token: item.value, key: undefined };
    }
    if (!next) {
      missing = path.length - i;
      break;
    }
    token = next.token;
    key = next.key;
  }
  if (key && (target === 'key' || missing > 0)) return [key.start, key.valueEnd];
  if (token === root) return rootRange;
  const node = composeRoot(token, false, false, resolver, false);
  return [node.start, node.valueEnd];
}

interface Composed {
  /** The node (only when building nodes). */
  node: ParsedNode | undefined;
  value: unknown;
  /** The node's range: where it starts, where its value ends, where it ends with trailing comments and line break. */
  start: number;
  valueEnd: number;
  end: number;
}

/** How many maps and lists the walk is inside; past MAX_NESTING it hands the text over (and recurses no deeper). */
let depth = 0;

/** composeNode from the top of a walk. */
function composeRoot(token: Token, spaceBefore: boolean, atKey: boolean, resolver: Resolver, build: boolean): Composed {
  depth = 0;
  return composeNode(token, spaceBefore, atKey, resolver, build);
}

function composeNode(token: Token, spaceBefore: boolean, atKey: boolean, resolver: Resolver, build: boolean): Composed {
  let composed: Composed;
  switch (token.type) {
    case 'block-map':
      composed = composeMap(token, resolver, build);
      break;
    case 'block-seq':
      composed = composeSeq(token, resolver, build);
      break;
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      composed = composeScalar(token, atKey, resolver, build);
      break;
    default:
      // alias, flow collection, error
      return notModelled();
  }
  if (spaceBefore && composed.node) composed.node.spaceBefore = true;
  return composed;
}

function composeMap(token: CST.BlockMap, resolver: Resolver, build: boolean): Composed {
  if (++depth > MAX_NESTING) notModelled(); // the full parse refuses it (boundedParse.ts)
  // The first walk builds the plain value; the second (build) the nodes only, the value being known.
  const map = build ? new YAMLMap(resolver.schema) : undefined;
  const value: Record<string, unknown> | undefined = build ? undefined : {};
  let offset = token.offset;
  let commentEnd: number | undefined;
  for (const { start, explicitKey, key, sep, value: valueToken } of token.items) {
    if (explicitKey) notModelled();
    const keyProps = resolveProps(start, 'explicit-key-ind', true, offset);
    if (keyProps.found) notModelled(); // `? key`
    if (!sep) {
      if (key) notModelled();
      // Comment lines (or blank lines) in the map: they end it as far as its range goes.
      commentEnd = keyProps.end;
      continue;
    }
    if (!key) notModelled(); // an empty key
    if (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') return notModelled();
    if (key.indent !== token.indent) notModelled(); // "All mapping items must start at the same column"
    if (containsNewline(key)) notModelled(); // "Implicit keys need to be on a single line"
    const keyNode = composeNode(key, keyProps.spaceBefore, true, resolver, build);
    const valueProps = resolveProps(sep, 'map-value-ind', false, keyNode.end);
    offset = valueProps.end;
    if (!valueProps.found || !valueToken) notModelled(); // a key without `:`, or an empty value
    if (valueToken.type === 'block-map' && !valueProps.hasNewline) notModelled(); // "Nested mappings are not allowed in compact mappings"
    if (keyProps.start < valueProps.found.offset - 1024) notModelled(); // a key over 1024 characters
    const valueNode = composeNode(valueToken, valueProps.spaceBefore, false, resolver, build);
    offset = valueNode.end;
    if (map) map.items.push(new Pair(keyNode.node, valueNode.node) as never);
    else setKey(value!, keyNode.value, valueNode.value);
  }
  if (commentEnd !== undefined && commentEnd < offset) notModelled(); // "Map comment with trailing content"
  if (map) map.range = [token.offset, offset, commentEnd ?? offset];
  depth--;
  return { node: map as ParsedNode | undefined, value, start: token.offset, valueEnd: offset, end: commentEnd ?? offset };
}

/**
 * What `toJS` does with a pair, for keys that are scalars: the key's value as a string (null as ''). A repeated key
 * (a duplicate the parser reports, or two keys that become the same string), `__proto__` and the merge key `<<`
 * are not modelled.
 */
function setKey(target: Record<string, unknown>, key: unknown, value: unknown): void {
  const name = key === null ? '' : String(key);
  if (name === '__proto__' || name === '<<' || Object.prototype.hasOwnProperty.call(target, name)) notModelled();
  target[name] = value;
}

function composeSeq(token: CST.BlockSequence, resolver: Resolver, build: boolean): Composed {
  if (++depth > MAX_NESTING) notModelled();
  const seq = build ? new YAMLSeq(resolver.schema) : undefined;
  const value: unknown[] | undefined = build ? undefined : [];
  let offset = token.offset;
  let commentEnd: number | undefined;
  for (const { start, value: itemToken } of token.items) {
    const props = resolveProps(start, 'seq-item-ind', true, offset);
    if (!props.found) {
      if (itemToken) notModelled(); // "Sequence item without - indicator" or a bad indentation
      commentEnd = props.end;
      continue;
    }
    if (!itemToken) notModelled(); // an empty item
    const item = composeNode(itemToken, props.spaceBefore, false, resolver, build);
    offset = item.end;
    if (seq) seq.items.push(item.node as never);
    else value!.push(item.value);
  }
  if (seq) seq.range = [token.offset, offset, commentEnd ?? offset];
  depth--;
  return { node: seq as ParsedNode | undefined, value, start: token.offset, valueEnd: offset, end: commentEnd ?? offset };
}

function composeScalar(token: CST.FlowScalar | CST.BlockScalar, atKey: boolean, resolver: Resolver, build: boolean): Composed {
  let source: string;
  let type: Scalar.Type;
  let range: Range3;
  const quick = token.type === 'block-scalar' ? undefined : quickScalar(token);
  if (quick) {
    ({ source, type, range } = quick);
  } else {
    const resolved = CST.resolveAsScalar(token, true, notModelled);
    if (!resolved || !resolved.type) return notModelled();
    source = resolved.value;
    type = resolved.type;
    range = resolved.range as Range3;
  }
  const tag = token.type === 'scalar' ? tagOf(source, atKey, resolver) : resolver.string;
  const resolved = tag.resolve(source, notModelled, resolver.options);
  // Some tags (bool) resolve to a Scalar of their own, as in compose-scalar; any other object is not modelled.
  const value = isScalar(resolved) ? resolved.value : resolved;
  if (value !== null && typeof value === 'object') notModelled();
  if (!build) return { node: undefined, value, start: range[0], valueEnd: range[1], end: range[2] };
  const scalar = isScalar(resolved) ? resolved : new Scalar(resolved);
  scalar.range = range;
  (scalar as Scalar & { source: string }).source = source;
  scalar.type = type;
  if (tag.format) scalar.format = tag.format;
  return { node: scalar as ParsedNode, value, start: range[0], valueEnd: range[1], end: range[2] };
}

/**
 * The value of a one-line plain or double-quoted scalar without escapes, which is its source as it stands
 * (what resolve-flow-scalar gives for it, without compiling its folding expressions for every scalar); undefined
 * for any other scalar, which CST.resolveAsScalar resolves.
 */
function quickScalar(token: CST.FlowScalar): { source: string; type: Scalar.Type; range: Range3 } | undefined {
  const text = token.source;
  if (text.includes('\n') || text.includes('\r')) return undefined;
  let source: string;
  let type: Scalar.Type;
  if (token.type === 'scalar') {
    const first = text[0];
    // Plain scalars that cannot start with these are errors (resolve-flow-scalar's plainValue): leave them to it.
    if (text === '' || '\t,%|>@`'.includes(first)) return undefined;
    source = text;
    type = Scalar.PLAIN;
  } else if (token.type === 'double-quoted-scalar') {
    if (text.length < 2 || text[text.length - 1] !== '"' || text.includes('\\')) return undefined;
    source = text.slice(1, -1);
    type = Scalar.QUOTE_DOUBLE;
  } else {
    return undefined;
  }
  const valueEnd = token.offset + text.length;
  return { source, type, range: [token.offset, valueEnd, endOf(token.end, valueEnd, true)] };
}

function tagOf(source: string, atKey: boolean, resolver: Resolver): ScalarTag {
  if (source !== '' && !nonStringStart.has(source[0])) return resolver.string;
  for (const tag of atKey ? resolver.byTestAtKey : resolver.byTest) if (tag.test!.test(source)) return tag;
  return resolver.string;
}

/** resolve-end: where a node's trailing spaces, comments and line break end; anything else there is not modelled. */
function endOf(end: SourceToken[] | undefined, offset: number, strict: boolean): number {
  if (!end) return offset;
  let hasSpace = false;
  for (const token of end) {
    if (token.type === 'space' || token.type === 'newline') hasSpace = true;
    else if (token.type === 'comment') {
      if (strict && !hasSpace) notModelled(); // "Comments must be separated from other tokens by white space"
    } else notModelled();
    offset += token.source.length;
  }
  return offset;
}

interface Props {
  found: SourceToken | undefined;
  spaceBefore: boolean;
  hasNewline: boolean;
  end: number;
  start: number;
}

/**
 * resolve-props for tokens that are only spaces, line breaks, comments and the one expected indicator (`-`, `:`,
 * `---`): whether the indicator was found, whether a blank line comes before the node (spaceBefore), whether a
 * line break comes after the indicator, and where the tokens end. Anchors, tags and anything the composer
 * would report (a tab in indentation, a comment without a space before it, a repeated indicator) are not modelled.
 */
function resolveProps(tokens: SourceToken[], indicator: string, startOnNewline: boolean, offset: number): Props {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let hasComment = false;
  let found: SourceToken | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        // A tab among the spaces may be indentation, which YAML forbids; the composer decides that.
        if (token.source.includes('\t')) notModelled();
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) notModelled();
        hasComment = true;
        atNewline = false;
        break;
      case 'newline':
        // A blank line after a comment belongs to the comment, not to the node's spaceBefore.
        if (atNewline && !hasComment && (!found || indicator !== 'seq-item-ind')) spaceBefore = true;
        atNewline = true;
        hasNewline = true;
        hasSpace = true;
        break;
      default:
        if (token.type !== indicator || found) notModelled();
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  return { found, spaceBefore, hasNewline, end, start: end };
}

function containsNewline(key: CST.FlowScalar): boolean {
  return key.source.includes('\n') || (key.end ?? []).some((token) => token.type === 'newline');
}
