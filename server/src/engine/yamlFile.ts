// Text → YAML documents with positions. Every consumer (schema check, rules, symbols, code actions, CLI)
// works on this one parse; nobody re-parses the text.
import { Document, LineCounter, Node, Pair, isMap, isPair, isScalar, isSeq } from 'yaml';
import { MAX_NESTING, parseAllDocumentsBounded, valueTooDeep } from './boundedParse';
import { composeFromCst, type CstDocument } from './cstDocuments';
import type { Range } from './findings';

export type SpecKind = 'Cluster' | 'Credentials';
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export const MKS_API_VERSION = 'infra.k8smgmt.io/v3';

export interface YamlDocument {
  index: number;
  doc: Document.Parsed;
  /** Which MKS spec this document is, or undefined for any other YAML (left alone). */
  kind: SpecKind | undefined;
  /** The plain JS value of the document (aliases resolved); undefined when it has syntax errors. */
  value: unknown;
  /** Why the value could not be read though the syntax is fine (e.g. "Excessive alias count"); validate() reports it. */
  unreadable?: string;
  /** A cluster spec in the 2021 rctl format (see isLegacyClusterFormat); `kind` is then undefined. */
  legacyFormat?: boolean;
  /**
   * Set on a document composed from the CST (cstDocuments.ts): it has no errors or warnings, and its range is
   * known without `doc`, whose nodes are only composed when first read. Read these through hasSyntaxErrors and
   * documentRange, and the check of a valid spec never composes them.
   */
  fromCst?: Pick<CstDocument, 'range' | 'rangeAt'>;
}

/** Whether the parser reported errors in the document (without composing a CST document's nodes). */
export function hasSyntaxErrors(document: YamlDocument): boolean {
  return document.fromCst ? false : document.doc.errors.length > 0;
}

/**
 * The document with its nodes composed and without the CST marker, for what changes the nodes (a re-parse
 * shifts their ranges, so the range kept in `fromCst` would no longer hold).
 */
export function settled(document: YamlDocument): YamlDocument {
  if (!document.fromCst) return document;
  const { fromCst, ...rest } = document;
  void fromCst;
  return rest;
}

/** The document's range, [start, value end, node end] (without composing a CST document's nodes). */
export function documentRange(document: YamlDocument): readonly [number, number, number] {
  return document.fromCst?.range ?? document.doc.range;
}

/** How every parse of a spec is made (a re-parse of an edited part uses the same). */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

export class YamlFile {
  readonly lineCounter: LineCounter;
  readonly documents: YamlDocument[];
  /** Why the text could not be parsed into documents at all (undefined: it was). */
  readonly failure: string | undefined;
  /** Whether the documents were composed straight from the CST (cstDocuments.ts) rather than by parseAllDocuments. */
  readonly composedFromCst: boolean = false;
  /** The documents exactly as `parseAllDocuments` composes them, comments included; see fullDocuments(). */
  private full: Document.Parsed[] | undefined;
  private nodesComposed = 0;

  /** Parses `text`, unless `parsed` (from a re-parse of an edit, see reparse.ts) already holds its documents. */
  constructor(
    readonly uri: string,
    readonly text: string,
    parsed?: { documents: YamlDocument[]; lineCounter: LineCounter },
  ) {
    if (parsed) {
      this.documents = parsed.documents;
      this.lineCounter = parsed.lineCounter;
      return;
    }
    // The common case straight from the CST (cstDocuments.ts); anything it does not model is parsed in full.
    const lineCounter = new LineCounter();
    const composed = composeFromCst(text, lineCounter, { ...PARSE_OPTIONS, lineCounter });
    if (composed) {
      this.lineCounter = lineCounter;
      this.documents = composed.map((read, index) => this.fromCst(read, index));
      this.composedFromCst = true;
      return;
    }
    this.lineCounter = new LineCounter();
    let docs: Document.Parsed[] = [];
    try {
      docs = parseFully(text, this.lineCounter);
    } catch (error) {
      // The parser itself gave up (it normally reports errors per document): validate() says so on the file.
      this.failure = (error as Error).message || String(error);
    }
    this.documents = docs.map((doc, index) => describeDocument(doc, index));
    this.full = docs;
  }

  /** A CST document: its value now, its nodes (`doc`) when first read. */
  private fromCst(read: CstDocument, index: number): YamlDocument {
    const described = describeValue(undefined as never, index, read.value);
    let doc: Document.Parsed | undefined;
    Object.defineProperty(described, 'doc', {
      enumerable: true,
      get: () => {
        if (!doc) {
          this.nodesComposed++;
          try {
            doc = read.document();
          } catch (error) {
            // Composing again ran out of stack where the first walk did not (a deeper caller): parse it in full.
            doc = this.fullDocuments()[index];
            if (!doc) throw error;
          }
        }
        return doc;
      },
    });
    described.fromCst = read;
    return described;
  }

  /** Composes the nodes of every CST document now (the language server does so once the diagnostics are out). */
  composeNodes(): void {
    for (const document of this.documents) void document.doc;
  }

  /** How many CST documents have had their nodes composed so far. */
  get composedNodes(): number {
    return this.nodesComposed;
  }

  /**
   * The documents exactly as `parseAllDocuments` composes them, comments included, for what prints a document
   * (the migration). The documents of `documents` have no comment text when they were composed from the CST or
   * re-parsed after an edit; then the text is parsed in full once, on this first call.
   */
  fullDocuments(): Document.Parsed[] {
    if (!this.full) {
      try {
        this.full = parseFully(this.text, new LineCounter());
      } catch {
        this.full = [];
      }
    }
    return this.full;
  }

  /** The MKS documents only. */
  get specs(): YamlDocument[] {
    return this.documents.filter((d) => d.kind !== undefined);
  }

  position(offset: number) {
    const { line, col } = this.lineCounter.linePos(Math.min(Math.max(offset, 0), this.text.length));
    return { line: line - 1, character: col - 1 };
  }

  offsetAt(position: { line: number; character: number }): number {
    const starts = this.lineCounter.lineStarts;
    const lineStart = starts[Math.min(position.line, starts.length - 1)] ?? 0;
    return Math.min(lineStart + position.character, this.text.length);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Range of a node's own text (without trailing comments). */
  rangeOf(node: Node | null | undefined): Range | undefined {
    if (!node?.range) return undefined;
    return this.range(node.range[0], node.range[1]);
  }

  /**
   * Range of the key or value at `path` in a document. Where the path does not exist (a missing key),
   * the nearest existing ancestor's key is used, so a finding always lands on a line the user can see.
   */
  rangeAt(document: YamlDocument, path: Path, target: 'key' | 'value' = 'value'): Range {
    // While a CST document's nodes are not composed, the same answer comes from its CST.
    const offsets = document.fromCst?.rangeAt(path, target);
    if (offsets) return this.range(offsets[0], offsets[1]);
    const found = locate(document.doc, path);
    const exact = found.missing === 0;
    if (found.pair && (target === 'key' || !exact || !found.node)) {
      const key = isNode(found.pair.key) ? found.pair.key : undefined;
      const r = this.rangeOf(key ?? found.node);
      if (r) return r;
    }
    const r = this.rangeOf(found.node);
    if (r) return r;
    const start = document.doc.range?.[0] ?? 0;
    return this.range(start, start);
  }
}

export interface Located {
  /** The node at the path, or the deepest one found. */
  node: Node | undefined;
  /** The map pair whose value is `node` (absent for sequence items and the root). */
  pair: Pair | undefined;
  /** How many trailing path segments were not found (0 = exact). */
  missing: number;
}

/** Walks a YAML document along a path of map keys and sequence indexes. */
export function locate(doc: Document, path: Path): Located {
  let node: Node | undefined = isNode(doc.contents) ? doc.contents : undefined;
  let pair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    let next: { node: Node | undefined; pair: Pair | undefined } | undefined;
    if (isMap(node)) {
      const p = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (p) next = { node: isNode(p.value) ? p.value : undefined, pair: p };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (isNode(item)) next = { node: item, pair: undefined };
    }
    if (!next) return { node, pair, missing: path.length - i };
    if (!next.node) return { node: next.pair?.key as Node | undefined, pair: next.pair, missing: path.length - i - 1 };
    node = next.node;
    pair = next.pair;
  }
  return { node, pair, missing: 0 };
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && 'range' in (value as object) && !isPair(value);
}

/**
 * The offset of the `-` that introduces a block list item whose content starts at `itemStart` (on the `-` line
 * or a later one), or undefined when something other than spaces and line breaks lies between them.
 */
export function sequenceDash(text: string, itemStart: number): number | undefined {
  let dash = itemStart - 1;
  while (dash >= 0 && (text[dash] === ' ' || text[dash] === '\n' || text[dash] === '\r')) dash--;
  return text[dash] === '-' ? dash : undefined;
}

/** The start of the line holding `offset`, when only spaces (indentation) precede it there; else undefined. */
export function indentedLineStart(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^ *$/.test(text.slice(lineStart, offset)) ? lineStart : undefined;
}

/** Every document of the text, composed by `yaml`; throws, saying why, when the text nests too deep for that. */
function parseFully(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const parsed = parseAllDocumentsBounded(text, { ...PARSE_OPTIONS, lineCounter });
  if (parsed.tooDeep !== undefined) throw new Error(parsed.tooDeep);
  return parsed.documents;
}

/** A document without errors whose plain value is known (the one `toJS` gives). */
function describeValue(doc: Document.Parsed, index: number, value: unknown): YamlDocument {
  return { index, doc, kind: specKindOf(value), value, legacyFormat: isLegacyClusterFormat(value) };
}

export function describeDocument(doc: Document.Parsed, index: number): YamlDocument {
  if (doc.errors.length > 0) return { index, doc, kind: undefined, value: undefined };
  try {
    let anchors = false;
    const value = doc.toJS({ maxAliasCount: 10_000, onAnchor: () => (anchors = true) });
    // Aliases can nest a value far deeper than its text: the rules and the schema check walk it recursively.
    if (anchors && valueTooDeep(value)) throw new Error(`through its aliases, its value nests collections more than ${MAX_NESTING} levels deep`);
    return describeValue(doc, index, value);
  } catch (error) {
    // An alias bomb, a broken alias or a stack overflow: unreadable (validate() reports it), never a crash.
    return { index, doc, kind: undefined, value: undefined, unreadable: (error as Error).message || String(error) };
  }
}

export function specKindOf(value: unknown): SpecKind | undefined {
  if (!isRecord(value) || value.apiVersion !== MKS_API_VERSION) return undefined;
  const spec = isRecord(value.spec) ? value.spec : {};
  if (value.kind === 'Cluster') {
    if (spec.type === 'mks') return 'Cluster';
    const config = isRecord(spec.config) ? spec.config : {};
    // A Cluster without a type is still ours when it carries MKS nodes (the type is then reported missing).
    if (spec.type === undefined && Array.isArray(config.nodes)) return 'Cluster';
    // No spec at all is no cluster of any type; `mks` is the type's default (reference §3.2), so it is ours
    // (and reported as missing its spec) rather than passed over in silence.
    if (!isRecord(value.spec)) return 'Cluster';
  }
  if (value.kind === 'Credentials' && spec.provider === 'mks') return 'Credentials';
  return undefined;
}

/**
 * The 2021 rctl cluster format (reference §3.5, §11): `kind: Cluster` and `spec.type: mks` with no `apiVersion`.
 * It is not checked field by field (its keys are not v3's); the engine reports it once and offers the migration.
 */
export function isLegacyClusterFormat(value: unknown): boolean {
  return isRecord(value) && value.apiVersion === undefined && value.kind === 'Cluster' && isRecord(value.spec) && value.spec.type === 'mks';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
