// The canonical form of a Cluster spec for semantic comparison: what the system would store, so two specs
// that differ only in key order, comments, quoting, node order, defaults or server-populated fields compare equal.
import { createHash } from 'node:crypto';
import { legacyKeys, legacyRoles } from '../../../server/src/engine/legacyNameTable';
import { isRecord } from '../../../server/src/engine/yamlFile';

/** A canonical value: scalars as text, maps with sorted keys; arrays only where order matters. */
export type Canonical = string | null | Canonical[] | { [key: string]: Canonical };
export type CanonicalMap = { [key: string]: Canonical };

/** Fields the controller fills in or reports; they are never part of what the user asks for. */
const serverFields: readonly (readonly string[])[] = [
  ['status'],
  ['metadata', 'id'],
  ['metadata', 'uid'],
  ['metadata', 'resourceVersion'],
  ['metadata', 'createdAt'],
  ['metadata', 'modifiedAt'],
  ['metadata', 'createdBy'],
  ['metadata', 'modifiedBy'],
  ['metadata', 'generation'],
];

/**
 * Documented defaults (reference §3): a field set to its default means the same as the field left out.
 * `*` stands for any node (by hostname) or any entry of a keyed collection.
 */
const defaults: readonly { path: readonly string[]; value: string }[] = [
  { path: ['spec', 'type'], value: 'mks' },
  { path: ['spec', 'blueprint', 'version'], value: 'latest' },
  { path: ['spec', 'config', 'autoApproveNodes'], value: 'false' },
  { path: ['spec', 'config', 'dedicatedControlPlane'], value: 'false' },
  { path: ['spec', 'config', 'highAvailability'], value: 'false' },
  { path: ['spec', 'config', 'installerTtl'], value: '365' },
  { path: ['spec', 'config', 'kubernetesUpgrade', 'strategy'], value: 'sequential' },
  { path: ['spec', 'proxy', 'allowInsecureBootstrap'], value: 'false' },
  { path: ['spec', 'systemComponentsPlacement', 'daemonSetOverride', 'nodeSelectionEnabled'], value: 'false' },
  { path: ['spec', 'sharing', 'enabled'], value: 'false' },
];

/** Where a list is really a set or a map keyed by identity, so its order carries no meaning. */
const NODES = ['spec', 'config', 'nodes'];
const TOLERATION_LISTS = [
  ['spec', 'systemComponentsPlacement', 'tolerations'],
  ['spec', 'systemComponentsPlacement', 'daemonSetOverride', 'tolerations'],
];

/** The canonical form of a parsed Cluster document (the plain value from `YamlFile`). */
export function normalizeCluster(value: unknown): CanonicalMap {
  const renamed = renameLegacy(value, []);
  const canonical = canonicalize(renamed, []);
  const map = isCanonicalMap(canonical) ? canonical : {};
  for (const path of serverFields) removeAt(map, path);
  for (const { path, value: fallback } of defaults) removeIfEqual(map, path, fallback);
  return (prune(map) as CanonicalMap | undefined) ?? {};
}

/** The spec without what the controller fills in (status, server timestamps, ids): what a user keeps in Git. */
export function withoutServerFields(value: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(value);
  for (const path of serverFields) {
    const parent = path.slice(0, -1).reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), copy);
    if (isRecord(parent)) delete parent[path[path.length - 1]];
  }
  return copy;
}

/** Whether `value` at `path` (map keys; any node index) is the documented default, i.e. the same as leaving it out. */
export function isDefaultAt(path: readonly (string | number)[], value: unknown): boolean {
  const names = path.map(String);
  return defaults.some((d) => matchesPath(names, d.path) && value !== null && typeof value !== 'object' && String(value) === d.value);
}

/** Semantic equality of two Cluster documents (plain values). */
export function sameCluster(a: unknown, b: unknown): boolean {
  return canonicalJson(normalizeCluster(a)) === canonicalJson(normalizeCluster(b));
}

/**
 * Stable hash of the canonical form (`sha256:<hex>`), kept in the agent host's `applied.json` and in revision
 * names: equal for specs that compare equal here.
 */
export function specHash(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(normalizeCluster(value))).digest('hex');
}

export function canonicalJson(value: Canonical): string {
  return JSON.stringify(value);
}

/** Node map key: the hostname, or the position for a node without one (it cannot be matched anyway). */
export function nodeKey(node: unknown, index: number): string {
  return isRecord(node) && typeof node.hostname === 'string' && node.hostname !== '' ? node.hostname : `#${index + 1}`;
}

/** Taints are identified by key and effect (as in Kubernetes); the value is what they carry. */
export function taintKey(taint: Record<string, unknown>): string {
  return `${text(taint.key) ?? ''}:${text(taint.effect) ?? ''}`;
}

export function tolerationText(t: Record<string, unknown>): string {
  const operator = text(t.operator) ?? 'Equal';
  const key = text(t.key) ?? '*';
  const value = operator === 'Exists' ? '' : `=${text(t.value) ?? ''}`;
  const effect = text(t.effect) ? `:${text(t.effect)}` : '';
  const seconds = t.tolerationSeconds !== undefined && t.tolerationSeconds !== null ? ` for ${String(t.tolerationSeconds)}s` : '';
  return `${key}${operator === 'Exists' ? ' exists' : value}${effect}${seconds}`;
}

function canonicalize(value: unknown, path: string[]): Canonical {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (matchesPath(path, NODES)) {
      return sortedMap(
        value.map((node, index) => {
          const key = nodeKey(node, index);
          return [key, canonicalize(node, [...path, key])];
        }),
      );
    }
    if (path.length === NODES.length + 2 && matchesPath(path.slice(0, -2), NODES)) {
      const field = path[path.length - 1];
      if (field === 'roles') return sortedSet(value.map((r) => legacyRoles[String(r)] ?? String(r)));
      if (field === 'taints') {
        return sortedMap(value.filter(isRecord).map((t) => [taintKey(t), text(t.value) ?? '']));
      }
    }
    if (TOLERATION_LISTS.some((p) => matchesPath(path, p))) {
      return sortedMap(value.filter(isRecord).map((t) => [tolerationText(t), 'true']));
    }
    return value.map((item, index) => canonicalize(item, [...path, String(index)]));
  }
  if (isRecord(value)) {
    const out: CanonicalMap = {};
    for (const key of Object.keys(value).sort()) out[key] = canonicalize(value[key], [...path, key]);
    return out;
  }
  // Scalars compare by their text: the API keeps most of them as strings (ports, label values, versions).
  return String(value);
}

function renameLegacy(value: unknown, path: (string | number)[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => renameLegacy(item, [...path, index]));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const legacy = legacyKeys.find((k) => k.legacy === key && legacyParentMatches(k.parent, path));
    const name = legacy && !(legacy.canonical in value) ? legacy.canonical : key;
    out[name] = renameLegacy(child, [...path, name]);
  }
  // The legacy string form `blueprint: default` means `blueprint: {name: default}`.
  if (path.length === 1 && path[0] === 'spec' && typeof out.blueprint === 'string') out.blueprint = { name: out.blueprint };
  return out;
}

function legacyParentMatches(parent: readonly string[], path: readonly (string | number)[]): boolean {
  return parent.length === path.length && parent.every((p, i) => (p === '*' ? typeof path[i] === 'number' : p === String(path[i])));
}

function matchesPath(path: readonly string[], pattern: readonly string[]): boolean {
  return path.length === pattern.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

/** Maps built from lists get sorted keys like every other map, so equal content serializes equally. */
function sortedMap(entries: [string, Canonical][]): CanonicalMap {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedSet(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function isCanonicalMap(value: Canonical): value is CanonicalMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Visits every map reachable along `path`, expanding `*` over all keys. */
function mapsAt(root: CanonicalMap, path: readonly string[]): { parent: CanonicalMap; key: string }[] {
  let level: CanonicalMap[] = [root];
  for (const segment of path.slice(0, -1)) {
    level = level.flatMap((m) => {
      const children = segment === '*' ? Object.values(m) : [m[segment]];
      return children.filter((c): c is CanonicalMap => c !== undefined && isCanonicalMap(c));
    });
  }
  const last = path[path.length - 1];
  return level.map((parent) => ({ parent, key: last }));
}

function removeAt(root: CanonicalMap, path: readonly string[]): void {
  for (const { parent, key } of mapsAt(root, path)) delete parent[key];
}

function removeIfEqual(root: CanonicalMap, path: readonly string[], fallback: string): void {
  for (const { parent, key } of mapsAt(root, path)) if (parent[key] === fallback) delete parent[key];
}

/** Empty maps, empty lists and nulls say nothing: drop them so `labels: {}` equals no labels. */
function prune(value: Canonical): Canonical | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => prune(v) ?? null);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object') {
    const out: CanonicalMap = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}

const text = (v: unknown): string | undefined => (v === null || v === undefined || typeof v === 'object' ? undefined : String(v));
