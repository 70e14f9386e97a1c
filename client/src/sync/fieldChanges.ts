// Field-level differences between two canonical Cluster specs, described the way an operator reads them:
// nodes added or removed by hostname, version upgrades, labels, taints, roles, and any other field by path.
import { canonicalJson, type Canonical, type CanonicalMap } from './normalize';

export type ChangeKind = 'added' | 'removed' | 'changed';
export type ChangeCategory = 'node' | 'version' | 'roles' | 'labels' | 'taints' | 'blueprint' | 'network' | 'placement' | 'metadata' | 'other';

export interface FieldChange {
  kind: ChangeKind;
  category: ChangeCategory;
  /** Canonical path (node entries are keyed by hostname). */
  path: string[];
  /** One line for people, e.g. "Kubernetes version v1.33.2 → v1.34.1 (upgrade)". */
  label: string;
  /** The node's hostname when the change is on or about a node. */
  node?: string;
  before?: string;
  after?: string;
}

const NODES = ['spec', 'config', 'nodes'];

/** What changes when `from` becomes `to` (for the sync view: from = the system, to = the file). */
export function fieldChanges(from: CanonicalMap, to: CanonicalMap): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(from, to, [], changes);
  return changes;
}

/** A short dotted path for people: `spec.config.nodes[wk-1].labels.zone`. */
export function displayPath(path: readonly string[]): string {
  let out = '';
  path.forEach((segment, i) => {
    if (i === NODES.length && isUnder(path, NODES)) out += `[${segment}]`;
    else out += (i === 0 ? '' : '.') + segment;
  });
  return out;
}

function walk(from: Canonical | undefined, to: Canonical | undefined, path: string[], out: FieldChange[]): void {
  if (from !== undefined && to !== undefined && canonicalJson(from) === canonicalJson(to)) return;
  const wholeNode = path.length === NODES.length + 1 && isUnder(path, NODES) && (from === undefined || to === undefined);
  const mapsOrAbsent = (from === undefined || isMap(from)) && (to === undefined || isMap(to));
  if (!wholeNode && mapsOrAbsent && (isMap(from) || isMap(to))) {
    const keys = [...new Set([...Object.keys(isMap(from) ? from : {}), ...Object.keys(isMap(to) ? to : {})])].sort();
    for (const key of keys) walk(isMap(from) ? from[key] : undefined, isMap(to) ? to[key] : undefined, [...path, key], out);
    return;
  }
  const kind: ChangeKind = from === undefined ? 'added' : to === undefined ? 'removed' : 'changed';
  out.push(describe(kind, path, from, to));
}

function describe(kind: ChangeKind, path: string[], from: Canonical | undefined, to: Canonical | undefined): FieldChange {
  const before = from === undefined ? undefined : show(from);
  const after = to === undefined ? undefined : show(to);
  const base = { kind, path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
  const transition = kind === 'changed' ? `${before} → ${after}` : kind === 'added' ? `${after} added` : `${before} removed`;

  if (isUnder(path, NODES) && path.length > NODES.length) {
    const node = path[NODES.length];
    const rest = path.slice(NODES.length + 1);
    if (rest.length === 0) {
      const summary = nodeSummary(kind === 'removed' ? from : to);
      return { ...base, category: 'node', node, label: `Node ${node} ${kind === 'changed' ? 'changed' : kind}${summary ? ` (${summary})` : ''}` };
    }
    const [field, key] = rest;
    if (field === 'roles') return { ...base, category: 'roles', node, label: `${node}: roles ${before ?? 'none'} → ${after ?? 'none'}` };
    if (field === 'labels' && key !== undefined) return { ...base, category: 'labels', node, label: `${node}: label ${keyed(kind, key, from, to)}` };
    if (field === 'taints' && key !== undefined) return { ...base, category: 'taints', node, label: `${node}: taint ${taintChange(kind, key, from, to)}` };
    return { ...base, category: 'node', node, label: `${node}: ${rest.join('.')} ${transition}` };
  }
  if (equalPath(path, ['spec', 'config', 'kubernetesVersion'])) {
    return { ...base, category: 'version', label: `Kubernetes version ${transition}${direction(from, to)}` };
  }
  if (equalPath(path, ['spec', 'config', 'platformVersion'])) {
    return { ...base, category: 'version', label: `Platform version ${transition}${direction(from, to)}` };
  }
  if (isUnder(path, ['spec', 'blueprint'])) return { ...base, category: 'blueprint', label: `Blueprint ${path.slice(2).join('.')} ${transition}` };
  if (isUnder(path, ['spec', 'config', 'network'])) return { ...base, category: 'network', label: `Network ${path.slice(3).join('.')} ${transition}` };
  if (isUnder(path, ['spec', 'systemComponentsPlacement'])) {
    const last = path[path.length - 2];
    if (last === 'tolerations') {
      const where = path.length > 4 ? 'daemonset toleration' : 'toleration';
      return { ...base, category: 'placement', label: `System components: ${where} ${path[path.length - 1]} ${kind}` };
    }
    return { ...base, category: 'placement', label: `System components: ${path.slice(2).join('.')} ${transition}` };
  }
  if (isUnder(path, ['metadata', 'labels']) && path.length === 3) return { ...base, category: 'metadata', label: `Cluster label ${keyed(kind, path[2], from, to)}` };
  if (isUnder(path, ['metadata'])) return { ...base, category: 'metadata', label: `${displayPath(path)} ${transition}` };
  return { ...base, category: 'other', label: `${displayPath(path)} ${transition}` };
}

function keyed(kind: ChangeKind, key: string, from: Canonical | undefined, to: Canonical | undefined): string {
  if (kind === 'added') return `${key}=${show(to!)} added`;
  if (kind === 'removed') return `${key}=${show(from!)} removed`;
  return `${key}: ${show(from!)} → ${show(to!)}`;
}

/** Taint entries are `key:effect` → value; show them as Kubernetes writes them, `key=value:effect`. */
function taintChange(kind: ChangeKind, id: string, from: Canonical | undefined, to: Canonical | undefined): string {
  const [key, effect] = splitTaintKey(id);
  const as = (value: Canonical | undefined) => `${key}${value ? `=${show(value)}` : ''}:${effect}`;
  if (kind === 'added') return `${as(to)} added`;
  if (kind === 'removed') return `${as(from)} removed`;
  return `${as(from)} → ${as(to)}`;
}

function splitTaintKey(id: string): [string, string] {
  const at = id.lastIndexOf(':');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}

function nodeSummary(node: Canonical | undefined): string {
  if (!isMap(node)) return '';
  const parts = [node.privateIP, Array.isArray(node.roles) ? node.roles.join(', ') : undefined];
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(', ');
}

function direction(from: Canonical | undefined, to: Canonical | undefined): string {
  if (typeof from !== 'string' || typeof to !== 'string') return '';
  const order = compareVersions(from, to);
  return order === undefined || order === 0 ? '' : order < 0 ? ' (upgrade)' : ' (downgrade)';
}

/** Compares `v1.33.2`-style versions; undefined when either is not one. */
export function compareVersions(a: string, b: string): number | undefined {
  const parse = (v: string) => /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim())?.slice(1).map((n) => Number(n ?? 0));
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function show(value: Canonical): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(show).join(', ');
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${show(v)}`).join(', ')}}`;
}

function isMap(value: Canonical | undefined): value is CanonicalMap {
  return value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isUnder(path: readonly string[], prefix: readonly string[]): boolean {
  return path.length >= prefix.length && prefix.every((p, i) => p === path[i]);
}

function equalPath(path: readonly string[], other: readonly string[]): boolean {
  return path.length === other.length && isUnder(path, other);
}
