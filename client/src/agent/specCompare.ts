// Semantic comparison of cluster specs: parsed values, so comments, key order and quoting do not count.
// Server-filled fields (status, timestamps, ids) are left out, and keys only the controller's copy has are
// taken as its defaults, not as drift. Shared with the sync view, which shows the differences per field.
import { createHash } from 'node:crypto';
import { isRecord } from '../../../server/src/engine/yamlFile';

export type FieldPath = Array<string | number>;

export interface FieldDifference {
  path: FieldPath;
  /** undefined = absent on that side. */
  local: unknown;
  remote: unknown;
}

const SERVER_FIELDS: Record<string, true> = { status: true };
const SERVER_METADATA: Record<string, true> = { createdAt: true, modifiedAt: true, createdBy: true, modifiedBy: true, id: true, generation: true, resourceVersion: true, uid: true };

/** The spec as it matters for sync: without what the controller fills in. */
export function normalizeSpec(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SERVER_FIELDS[key]) continue;
    if (key === 'metadata' && isRecord(v)) out[key] = Object.fromEntries(Object.entries(v).filter(([k]) => !SERVER_METADATA[k]));
    else out[key] = v;
  }
  return out;
}

/** Stable hash of the normalized spec (`sha256:<hex>`): equal for texts that differ only in comments or order. */
export function specHash(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(stableJson(normalizeSpec(value))).digest('hex');
}

/**
 * Field-level differences between the local spec and the controller's copy. Every local field is compared; a
 * map key only the remote side has is a server default and ignored; list lengths must match (a node more or
 * less is drift).
 */
export function diffSpecs(local: unknown, remote: unknown): FieldDifference[] {
  const out: FieldDifference[] = [];
  walk(normalizeSpec(local), normalizeSpec(remote), [], out);
  return out;
}

function walk(local: unknown, remote: unknown, path: FieldPath, out: FieldDifference[]): void {
  if (isRecord(local) && isRecord(remote)) {
    for (const key of Object.keys(local)) walk(local[key], remote[key], [...path, key], out);
    return;
  }
  if (Array.isArray(local) && Array.isArray(remote)) {
    const length = Math.max(local.length, remote.length);
    for (let i = 0; i < length; i++) walk(local[i], remote[i], [...path, i], out);
    return;
  }
  if (!sameScalar(local, remote)) out.push({ path, local, remote });
}

/** `"22"` and `22` are the same to the controller (it reads ports as strings); other types must match. */
function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) return String(a) === String(b);
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export const formatPath = (path: FieldPath): string =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
