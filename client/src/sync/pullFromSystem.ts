// Pull from System: write the system's version of a cluster into the file through the `yaml` Document API,
// so comments, key order and quoting survive wherever a field did not change. Only the cluster's own
// document is rewritten; the rest of the file stays byte for byte.
import { Document, isMap, isScalar, isSeq, type Node, type ToStringOptions, type YAMLMap, type YAMLSeq } from 'yaml';
import { YamlFile, isRecord } from '../../../server/src/engine/yamlFile';
import { clusterDocuments, findCluster } from './clusterDocuments';
import { canonicalJson, isDefaultAt, nodeKey, normalizeCluster, withoutServerFields, type Canonical } from './normalize';

export type PullResult =
  | { kind: 'updated'; text: string }
  | { kind: 'unchanged' }
  | { kind: 'failed'; reason: string };

export function pullFromSystem(fileText: string, systemText: string, clusterName: string): PullResult {
  const file = new YamlFile('mks-pull:', fileText);
  const target = clusterDocuments(file).find((c) => c.name === clusterName);
  if (!target) return { kind: 'failed', reason: `The file has no readable Cluster document named "${clusterName}".` };
  const system = findCluster(systemText, clusterName);
  if (!system) return { kind: 'failed', reason: `The system's answer holds no readable Cluster spec for "${clusterName}".` };
  const desired = withoutServerFields(system);
  if (canonicalJson(normalizeCluster(target.value)) === canonicalJson(normalizeCluster(desired))) return { kind: 'unchanged' };

  const doc = file.documents[target.index].doc;
  const options = formattingOf(doc, fileText);
  doc.contents = merge(doc, doc.contents as Node, desired, []) as typeof doc.contents;
  const start = target.index === 0 ? 0 : (file.documents[target.index - 1].doc.range?.[2] ?? 0);
  const end = doc.range?.[2] ?? fileText.length;
  return { kind: 'updated', text: fileText.slice(0, start) + doc.toString(options) + fileText.slice(end) };
}

/** The existing node where it already says what the system says, else an updated or new one. */
function merge(doc: Document, node: Node | null | undefined, desired: unknown, path: (string | number)[]): Node {
  if (node && sameValue(plain(doc, node), desired, path)) return node;
  if (isMap(node) && isRecord(desired)) return mergeMap(doc, node, desired, path);
  if (isSeq(node) && Array.isArray(desired) && isNodeList(path)) return mergeNodes(doc, node, desired, path);
  if (isScalar(node) && (desired === null || typeof desired !== 'object')) {
    node.value = desired;
    return node;
  }
  const created = doc.createNode(desired) as Node;
  if (node && 'comment' in node) created.comment = node.comment;
  return created;
}

function mergeMap(doc: Document, map: YAMLMap, desired: Record<string, unknown>, path: (string | number)[]): YAMLMap {
  const present = new Set<string>();
  map.items = map.items.filter((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    present.add(key);
    if (key in desired) {
      pair.value = merge(doc, pair.value as Node, desired[key], [...path, key]);
      return true;
    }
    // A field the system leaves out is kept when it only spells out the default or says nothing.
    const value = plain(doc, pair.value as Node | null);
    return isDefaultAt([...path, key], value) || isEmpty(value);
  });
  // Likewise a field the file leaves out is not added just because the system spells out its default.
  for (const [key, value] of Object.entries(desired)) {
    if (!present.has(key) && !isDefaultAt([...path, key], value) && !isEmpty(value)) map.add(doc.createPair(key, value));
  }
  return map;
}

/** Nodes are matched by hostname: the file's order stays, removed nodes go, new ones are appended. */
function mergeNodes(doc: Document, seq: YAMLSeq, desired: unknown[], path: (string | number)[]): YAMLSeq {
  const wanted = new Map(desired.map((node, i) => [nodeKey(node, i), node]));
  const kept = new Set<string>();
  seq.items = seq.items.flatMap((item, i) => {
    const key = nodeKey(plain(doc, item as Node), i);
    if (!wanted.has(key)) return [];
    kept.add(key);
    return [merge(doc, item as Node, wanted.get(key), [...path, i])];
  });
  for (const [key, node] of wanted) if (!kept.has(key)) seq.items.push(doc.createNode(node));
  return seq;
}

/** Semantic equality of a subtree, judged in place in a whole spec so node order, role sets and defaults apply. */
function sameValue(current: unknown, desired: unknown, path: (string | number)[]): boolean {
  return canonicalJson(inPlace(current, path)) === canonicalJson(inPlace(desired, path));
}

function inPlace(value: unknown, path: (string | number)[]): Canonical {
  // A node index becomes a one-node list (both sides hold the same node, matched by hostname).
  const wrapped = path.reduceRight<unknown>((inner, key) => (typeof key === 'number' ? [inner] : { [key]: inner }), value);
  return normalizeCluster(wrapped);
}

function plain(doc: Document, node: Node | null | undefined): unknown {
  try {
    return node ? node.toJS(doc, { maxAliasCount: 10_000 }) : null;
  } catch {
    return undefined;
  }
}

function isNodeList(path: readonly (string | number)[]): boolean {
  return path.length === 3 && path[0] === 'spec' && path[1] === 'config' && path[2] === 'nodes';
}

function isEmpty(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
}

/** The stringify options that reproduce the document's own layout best (indent width, indented sequences). */
function formattingOf(doc: Document, text: string): ToStringOptions {
  const original = text.slice(doc.range?.[0] ?? 0, doc.range?.[2] ?? text.length).split('\n');
  let best: { options: ToStringOptions; score: number } | undefined;
  for (const indent of [2, 4]) {
    for (const indentSeq of [true, false]) {
      const options: ToStringOptions = { indent, indentSeq, flowCollectionPadding: false, lineWidth: 0 };
      const lines = new Set(doc.toString(options).split('\n'));
      const score = original.filter((line) => lines.has(line)).length;
      if (!best || score > best.score) best = { options, score };
    }
  }
  return best!.options;
}

/** One replacement covering only what differs (common prefix and suffix kept), so the editor does not jump. */
export function smallestEdit(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
