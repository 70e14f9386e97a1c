// YAML held in a string field (kubeletConfigurationOverrides, extraVolumes, extraVolumeMounts): parsed once
// per scalar, with a way back from offsets in the string to ranges in the file (scalarSource.ts).
import { type Document, type Node, type Scalar, isScalar, parseAllDocuments } from 'yaml';
import type { Range } from '../findings';
import type { Path, YamlDocument, YamlFile } from '../yamlFile';
import { PARSE_OPTIONS, locate } from '../yamlFile';
import { type ScalarSource, scalarSource } from './scalarSource';

export interface EmbeddedYaml {
  source: ScalarSource;
  documents: Document.Parsed[];
  /** The first document's plain value; undefined when the text has errors or holds nothing. */
  value: unknown;
  /** The file range of a node of the embedded documents. */
  rangeOf(node: Node | null | undefined): Range;
}

const parsed = new WeakMap<Scalar, EmbeddedYaml>();

export function embeddedYamlAt(file: YamlFile, document: YamlDocument, path: Path): EmbeddedYaml | undefined {
  const found = locate(document.doc, path);
  const node = found.missing === 0 ? found.node : undefined;
  if (!isScalar(node)) return undefined;
  let result = parsed.get(node);
  if (result) return result;
  const source = scalarSource(file, node);
  if (!source) return undefined;
  const documents = parseAllDocuments(source.value, PARSE_OPTIONS);
  const list = Array.isArray(documents) ? documents : [];
  const first = list[0];
  let value: unknown;
  if (first && list.every((d) => d.errors.length === 0)) {
    try {
      value = first.toJS({ maxAliasCount: 100 });
    } catch {
      value = undefined;
    }
  }
  result = {
    source,
    documents: list,
    value,
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
