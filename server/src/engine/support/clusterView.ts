// Defensive, typed reads of a Cluster spec for the rules: a value of the wrong type reads as absent
// (the schema check reports the type), so no rule ever throws on odd input.
import type { Path } from '../yamlFile';
import { isRecord } from '../yamlFile';

export type Dict = Record<string, unknown>;

export const record = (v: unknown): Dict | undefined => (isRecord(v) ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A map of string → string (labels, node selectors); non-string values are read as their string form. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(record(v) ?? {})) {
    if (val !== null && val !== undefined && typeof val !== 'object') out[k] = String(val);
  }
  return out;
}

export interface Taint {
  key: string | undefined;
  value: string | undefined;
  effect: string | undefined;
}

export interface Toleration extends Taint {
  operator: string | undefined;
  tolerationSeconds: unknown;
  index: number;
}

export interface NodeView {
  index: number;
  path: Path;
  value: Dict;
  hostname: string | undefined;
  privateIP: string | undefined;
  /** Path of the address: `privateIP`, or the legacy `privateip` (legacy-names reports the spelling). */
  privateIPPath: Path;
  operatingSystem: string | undefined;
  arch: string | undefined;
  roles: string[];
  labels: Record<string, string>;
  taints: Taint[];
}

export const config = (spec: Dict): Dict => record(record(spec.spec)?.config) ?? {};

const nodeViews = new WeakMap<Dict, readonly NodeView[]>();

/** The spec's nodes, read once per parsed spec: most rules go through them, and a spec's value never changes. */
export function nodes(spec: Dict): readonly NodeView[] {
  let views = nodeViews.get(spec);
  if (!views) {
    views = readNodes(spec);
    nodeViews.set(spec, views);
  }
  return views;
}

function readNodes(spec: Dict): NodeView[] {
  return list(config(spec).nodes).flatMap((value, index) => {
    const node = record(value);
    if (!node) return [];
    return [
      {
        index,
        path: ['spec', 'config', 'nodes', index],
        value: node,
        hostname: text(node.hostname),
        privateIP: text(node.privateIP ?? node.privateip),
        privateIPPath: ['spec', 'config', 'nodes', index, 'privateIP' in node || !('privateip' in node) ? 'privateIP' : 'privateip'],
        operatingSystem: text(node.operatingSystem),
        arch: text(node.arch),
        roles: list(node.roles).filter((r): r is string => typeof r === 'string'),
        labels: stringMap(node.labels),
        taints: list(node.taints).flatMap((t) => {
          const taint = record(t);
          return taint ? [{ key: text(taint.key), value: scalarText(taint.value), effect: text(taint.effect) }] : [];
        }),
      },
    ];
  });
}

export function tolerations(v: unknown): Toleration[] {
  return list(v).flatMap((t, index) => {
    const tol = record(t);
    if (!tol) return [];
    return [
      {
        index,
        key: text(tol.key),
        operator: text(tol.operator),
        value: scalarText(tol.value),
        effect: text(tol.effect),
        tolerationSeconds: tol.tolerationSeconds,
      },
    ];
  });
}

const scalarText = (v: unknown): string | undefined =>
  v === null || v === undefined || typeof v === 'object' ? undefined : String(v);

export const isControlPlane = (n: NodeView) => n.roles.includes('ControlPlane') || n.roles.includes('Master');
export const isWorker = (n: NodeView) => n.roles.includes('Worker');

/** How messages name a node: by hostname, else by its 1-based position in the list. */
export const nodeName = (n: NodeView): string => n.hostname ?? `node #${n.index + 1}`;

/** "a", "a and b", "a, b and c", "a, b, c and 4 more": long lists stay readable on 1,000-node specs. */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
