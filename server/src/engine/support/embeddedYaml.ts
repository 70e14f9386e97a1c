// YAML held in a string field (kubeletConfigurationOverrides, extraVolumes, extraVolumeMounts): parsed once
// per scalar, with a way back from offsets in the string to ranges in the file (scalarSource.ts).
import { type Document, type Node, type Scalar, isScalar } from 'yaml';
import { MAX_NESTING, parseAllDocumentsBounded, valueTooDeep } from '../boundedParse';
import type { Range } from '../findings';
import type { Path, YamlDocument, YamlFile } from '../yamlFile';
import { PARSE_OPTIONS, locate } from '../yamlFile';
import { type ScalarSource, scalarSource } from './scalarSource';

export interface EmbeddedYaml {
  source: ScalarSource;
  documents: Document.Parsed[];
  /** The first document's plain value; undefined when the text has errors or holds nothing. */
  value: unknown;
  /** Why the text was not read when it nests too deep to be parsed safely (boundedParse.ts); then no documents. */
  tooDeep?: string;
  /** The file range of a node of the embedded documents. */
  rangeOf(node: Node | null | undefined): Range;
}

const parsed = new WeakMap<Scalar, EmbeddedYaml>();

/**
 * Parses by text, shared by every scalar with that text and kept across validations (least recently used go
 * first): nodes often carry the same overrides, and re-validating while typing meets the same strings again.
 * The parsed documents are only read, never changed.
 */
type ParsedText = Pick<EmbeddedYaml, 'documents' | 'value' | 'tooDeep'>;
const byText = new Map<string, ParsedText>();
const BY_TEXT_LIMIT = 500;

function parseText(text: string): ParsedText {
  const hit = byText.get(text);
  if (hit) {
    byText.delete(text);
    byText.set(text, hit);
    return hit;
  }
  const parsed = parseAllDocumentsBounded(text, PARSE_OPTIONS);
  const list = parsed.documents ?? [];
  let value: unknown;
  let tooDeep = parsed.tooDeep;
  if (list[0] && list.every((d) => d.errors.length === 0)) {
    try {
      let anchors = false;
      value = list[0].toJS({ maxAliasCount: 100, onAnchor: () => (anchors = true) });
      if (anchors && valueTooDeep(value)) {
        value = undefined;
        tooDeep = `through its aliases, its value nests collections more than ${MAX_NESTING} levels deep`;
      }
    } catch {
      value = undefined;
    }
  }
  const result: ParsedText = { documents: list, value, ...(tooDeep !== undefined ? { tooDeep } : {}) };
  byText.set(text, result);
  if (byText.size > BY_TEXT_LIMIT) byText.delete(byText.keys().next().value!);
  return result;
}

export function embeddedYamlAt(file: YamlFile, document: YamlDocument, path: Path): EmbeddedYaml | undefined {
  const found = locate(document.doc, path);
  const node = found.missing === 0 ? found.node : undefined;
  if (!isScalar(node)) return undefined;
  let result = parsed.get(node);
  if (result) return result;
  const source = scalarSource(file, node);
  if (!source) return undefined;
  const { documents, value, tooDeep } = parseText(source.value);
  result = {
    source,
    documents,
    value,
    ...(tooDeep !== undefined ? { tooDeep } : {}),
    rangeOf: (n) => (n?.range ? source.range(n.range[0], trimEnd(source.value, n.range[0], n.range[1])) : source.range(0, source.value.length)),
  };
  parsed.set(node, result);
  return result;
}

/** A block node's range runs to the next line; the squiggle stops at its last character. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}
