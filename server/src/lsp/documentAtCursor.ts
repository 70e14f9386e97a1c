// Which MKS document of a file (if any) a cursor is in. Completion and hover answer only there, so a
// Kubernetes Deployment next to a cluster spec never gets MKS suggestions.
import { isScalar } from 'yaml';
import type { Position } from '../engine/findings';
import { MKS_API_VERSION, type YamlDocument, type YamlFile } from '../engine/yamlFile';

export function documentAt(file: YamlFile, position: Position): YamlDocument | undefined {
  const offset = file.offsetAt(position);
  // Documents are in text order; the cursor belongs to the last one starting at or before it.
  return [...file.documents].reverse().find((d) => (d.doc.range?.[0] ?? 0) <= offset);
}

/**
 * Whether the cursor is in an MKS document. Besides finished specs this accepts one being written: its
 * apiVersion and kind say MKS though it does not parse yet or lacks `spec.type`; and a document (or a
 * file) that is still empty or a first word, so the whole-spec snippets and the top-level keys are offered.
 */
export function inMksDocument(file: YamlFile, position: Position): boolean {
  // A file the engine refused to parse (nested too deep: boundedParse.ts) is not handed to yaml-language-server's parse.
  if (file.failure !== undefined) return false;
  const document = documentAt(file, position);
  if (!document) return file.documents.length === 0;
  return document.kind !== undefined || isEmptyOrFirstWord(document) || looksLikeMksInProgress(document);
}

function isEmptyOrFirstWord(document: YamlDocument): boolean {
  const contents = document.doc.contents;
  return contents === null || (isScalar(contents) && (contents.value === null || contents.type === 'PLAIN'));
}

function looksLikeMksInProgress(document: YamlDocument): boolean {
  const { doc } = document;
  if (doc.get('apiVersion') !== MKS_API_VERSION) return false;
  // Not yet written, or mks: another value (eks, aws, ...) is a spec of another Rafay kind.
  const mksOrUnset = (value: unknown) => value === undefined || value === null || value === '' || value === 'mks';
  const kind = doc.get('kind');
  if (kind === 'Cluster') return mksOrUnset(doc.getIn(['spec', 'type']));
  if (kind === 'Credentials') return mksOrUnset(doc.getIn(['spec', 'provider']));
  return false;
}
