// Everything a consumer can read from a YamlFile's parse, as plain data, to compare two ways of parsing the same
// text node by node (the CST path of server/src/engine/cstDocuments.ts against parseAllDocuments).
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { parseAllDocumentsBounded } from '../../server/src/engine/boundedParse';
import { PARSE_OPTIONS, YamlFile, describeDocument } from '../../server/src/engine/yamlFile';

/**
 * The text parsed the old way only: parseAllDocuments (behind the nesting limit, where it is the same parse:
 * test/engine/boundedParse.test.ts), then toJS, as YamlFile did before the CST path. Throws for a text nested past
 * the limit: composing that could abort the test worker.
 */
export function fullyParsed(uri: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocumentsBounded(text, { ...PARSE_OPTIONS, lineCounter });
  if (parsed.tooDeep !== undefined) throw new Error(`fullyParsed: ${parsed.tooDeep}`);
  const documents = parsed.documents.map((doc, index) => describeDocument(doc, index));
  return new YamlFile(uri, text, { documents, lineCounter });
}

/** Every node's class, range, value, scalar type, source and format, flags; every document's range, value, kind. */
export function parseShape(file: YamlFile) {
  const nodes: unknown[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      nodes.push('pair');
      walk(node.key);
      walk(node.value);
      return;
    }
    if (node === null || typeof node !== 'object') {
      nodes.push(['none', node]);
      return;
    }
    const n = node as Record<string, unknown>;
    const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : isAlias(node) ? 'alias' : 'other';
    nodes.push([kind, n.range, isScalar(node) ? valueText(node.value) : null, n.type, n.source, n.format, n.tag, n.anchor, n.flow ?? false, n.spaceBefore ?? false]);
    if (isMap(node) || isSeq(node)) node.items.forEach(walk);
  };
  const documents = file.documents.map((d) => {
    walk(d.doc.contents);
    return {
      range: d.doc.range,
      errors: d.doc.errors.map((e) => [e.code, e.pos, e.message]),
      warnings: d.doc.warnings.map((e) => [e.code, e.pos, e.message]),
      docStart: d.doc.directives.docStart,
      docEnd: d.doc.directives.docEnd,
      kind: d.kind,
      legacyFormat: d.legacyFormat,
      unreadable: d.unreadable,
      value: valueText(d.value),
    };
  });
  return { failure: file.failure, documents, nodes, lineStarts: file.lineCounter.lineStarts };
}

/** A value as text that keeps key order, NaN, ±Infinity and -0 apart (JSON alone would not). */
function valueText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `#number:${Object.is(v, -0) ? '-0' : String(v)}`;
    if (typeof v === 'bigint') return `#bigint:${v}`;
    if (v === undefined) return '#undefined';
    return v;
  }) ?? '#undefined';
}
