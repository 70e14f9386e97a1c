// What Pull from System's confirmation says: each change in the direction it is written, the system's value → the
// file (with what the file says now), so nobody mistakes it for the apply's direction (the tree's Changes list).
import { findCluster } from './clusterDocuments';
import { displayPath, fieldChanges, type FieldChange } from './fieldChanges';
import { normalizeCluster, withoutServerFields } from './normalize';

export interface PullConfirmation {
  message: string;
  detail: string;
  /** One line per change, as in the detail. */
  lines: string[];
  changes: FieldChange[];
}

const SHOWN = 12;

/** Undefined when either side holds no readable Cluster named `cluster` (Pull itself says why). */
export function pullConfirmation(fileText: string, systemText: string, cluster: string, fileName: string): PullConfirmation | undefined {
  const file = findCluster(fileText, cluster);
  const system = findCluster(systemText, cluster);
  if (!file || !system) return undefined;
  // From the file to the system's version: what the file becomes.
  const changes = fieldChanges(normalizeCluster(file), normalizeCluster(withoutServerFields(system)));
  const lines = changes.map(pullLine);
  const message = `Write the system's version of ${cluster} into ${fileName}? ${changes.length} change${changes.length === 1 ? '' : 's'}, system → file:`;
  const detail = [...lines.slice(0, SHOWN).map((l) => `• ${l}`), ...(lines.length > SHOWN ? [`… and ${lines.length - SHOWN} more`] : []), 'Comments and key order stay; the edit can be undone before saving.'].join('\n');
  return { message, detail, lines, changes };
}

/** `kubernetesVersion: v1.33.5 (system) → file, was v1.34.2`; a node the system lacks: `… → removed from the file`. */
export function pullLine(change: FieldChange): string {
  if (change.node !== undefined && change.path.length === 4) {
    // A whole node: named by hostname with its address and roles (from the change's own label).
    const summary = /\(([^()]*)\)$/.exec(change.label)?.[1];
    const node = `Node ${change.node}${summary ? ` (${summary})` : ''}`;
    return change.kind === 'removed' ? `${node}: not in the system → removed from the file` : `${node}: in the system → added to the file`;
  }
  const what = subject(change);
  if (change.kind === 'added') return `${what}: ${change.after} (system) → file, new there`;
  if (change.kind === 'removed') return `${what}: removed from the file (the system has none), was ${change.before}`;
  return `${what}: ${change.after} (system) → file, was ${change.before}`;
}

function subject(change: FieldChange): string {
  const p = change.path;
  if (change.node !== undefined) {
    const rest = p.slice(4);
    if (rest.length === 0) return `Node ${change.node}`;
    if (rest[0] === 'taints' && rest[1] !== undefined) return `${change.node} taint ${rest[1]}`;
    return `${change.node} ${rest.join('.')}`;
  }
  const shown = displayPath(p);
  return shown.replace(/^spec\.config\.network\./, 'network.').replace(/^spec\.config\./, '').replace(/^spec\./, '');
}
