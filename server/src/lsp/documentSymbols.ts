// The outline: each MKS document (named by metadata.name) → its spec sections → config → the nodes,
// named by hostname with their roles as detail. Ranges are the YAML nodes' own.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from '../engine/findings';
import { isRecord, type YamlDocument, type YamlFile } from '../engine/yamlFile';

/** Longest scalar shown as detail; longer ones (keys, certificates) would only clutter the outline. */
const MAX_DETAIL = 60;

export function documentSymbols(file: YamlFile): DocumentSymbol[] {
  return file.specs.flatMap((document) => {
    const symbol = specSymbol(file, document);
    return symbol ? [symbol] : [];
  });
}

function specSymbol(file: YamlFile, document: YamlDocument): DocumentSymbol | undefined {
  const root = document.doc.contents;
  const range = extent(file, root);
  if (!range || !isMap(root)) return undefined;
  const value = document.value as Record<string, unknown>;
  const name = isRecord(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : `(unnamed ${document.kind})`;
  const spec = root.get('spec', true);
  const children = isMap(spec) ? (document.kind === 'Cluster' ? clusterSections(file, spec) : credentialsSections(file, spec)) : [];
  return {
    name,
    detail: document.kind,
    kind: SymbolKind.Module,
    range,
    selectionRange: contained(file.rangeAt(document, ['metadata', 'name']), range),
    children,
  };
}

function clusterSections(file: YamlFile, spec: YAMLMap): DocumentSymbol[] {
  const nodes = (key: string, value: unknown) =>
    key === 'nodes' && isSeq(value) ? value.items.flatMap((node, i) => nodeSymbol(file, node, i)) : [];
  const config = (key: string, value: unknown) => (key === 'config' && isMap(value) ? pairSymbols(file, value, nodes, true) : []);
  return pairSymbols(file, spec, config, true);
}

/** Credentials: the key names only; their values may be secrets and never go into the outline. */
function credentialsSections(file: YamlFile, spec: YAMLMap): DocumentSymbol[] {
  return pairSymbols(file, spec, (key, value) => (key === 'credentials' && isMap(value) ? pairSymbols(file, value, () => [], false) : []), false);
}

function nodeSymbol(file: YamlFile, node: unknown, index: number): DocumentSymbol[] {
  const range = extent(file, node as Node);
  if (!range || !isMap(node)) return [];
  const hostname = node.get('hostname', true);
  const roles = node.get('roles');
  const roleNames = isSeq(roles) ? roles.items.flatMap((r) => (isScalar(r) ? [String(r.value)] : [])) : [];
  return [
    {
      name: isScalar(hostname) && hostname.value !== null ? String(hostname.value) : `node ${index + 1}`,
      detail: roleNames.join(', '),
      kind: SymbolKind.Struct,
      range,
      selectionRange: contained(file.rangeOf(hostname as Node | undefined), range),
    },
  ];
}

/** One symbol per key of a map; `childrenOf` decides which values are opened further. */
function pairSymbols(
  file: YamlFile,
  map: YAMLMap,
  childrenOf: (key: string, value: unknown) => DocumentSymbol[],
  showScalars: boolean,
): DocumentSymbol[] {
  return map.items.flatMap((pair) => {
    const key = pair.key;
    if (!isScalar(key)) return [];
    const keyRange = file.rangeOf(key);
    const range = pairRange(file, pair);
    if (!keyRange || !range) return [];
    const name = String(key.value);
    return [
      {
        name,
        detail: showScalars ? scalarDetail(pair.value) : undefined,
        kind: isMap(pair.value) ? SymbolKind.Object : isSeq(pair.value) ? SymbolKind.Array : SymbolKind.Property,
        range,
        selectionRange: keyRange,
        children: childrenOf(name, pair.value),
      },
    ];
  });
}

function pairRange(file: YamlFile, pair: Pair): Range | undefined {
  const key = file.rangeOf(pair.key as Node);
  const value = extent(file, pair.value as Node | null);
  return key && value ? { start: key.start, end: value.end } : key;
}

/** A node's range without the line break and indentation a block collection ends with. */
function extent(file: YamlFile, node: Node | null | undefined): Range | undefined {
  if (!node?.range) return undefined;
  const [start, end] = node.range;
  let last = end;
  while (last > start && /\s/.test(file.text[last - 1])) last--;
  return file.range(start, last);
}

function scalarDetail(value: unknown): string | undefined {
  if (!isScalar(value) || value.value === null) return undefined;
  const shown = String(value.value);
  return shown.length <= MAX_DETAIL && !shown.includes('\n') ? shown : undefined;
}

/** LSP requires the selection range inside the symbol's range. */
function contained(selection: Range | undefined, range: Range): Range {
  if (!selection) return range;
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  return before(selection.start, range.start) || before(range.end, selection.end) ? range : selection;
}
