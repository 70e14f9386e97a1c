// Where one cluster stands between the file, Git HEAD and the system, compared semantically.
import { findCluster } from './clusterDocuments';
import { fieldChanges, type FieldChange } from './fieldChanges';
import { shortCommit, type GitSnapshot } from './gitSnapshot';
import { canonicalJson, normalizeCluster, specHash, type CanonicalMap } from './normalize';
import { systemSpecText, type SystemSnapshot } from './systemState';

export type ClusterState =
  | 'in-sync'
  | 'modified'
  /** The file, or this cluster in it, is not in Git yet (new, not "modified"). */
  | 'untracked'
  | 'not-applied'
  | 'drifted'
  | 'not-in-system'
  | 'unreachable'
  /** The agent host refused us (key, passphrase, ssh-agent, host key): the reason says which. */
  | 'auth-failed'
  /** An encrypted key's passphrase is not stored; background reads ask nobody. */
  | 'needs-passphrase'
  /** The status command is missing on the agent host (exit 127) or failed: the system state is not known. */
  | 'status-unavailable'
  | 'invalid'
  /** The system was not asked (no agent, untrusted workspace, not refreshed yet). */
  | 'unknown';

export interface ValidationSummary {
  errors: number;
  warnings: number;
  /** The first error's message, for the tooltip. */
  firstError?: string;
}

export interface ClusterInputs {
  name: string;
  /** The cluster document as the file has it now (plain value). */
  file: Record<string, unknown>;
  validation: ValidationSummary;
  git: GitSnapshot;
  system: SystemSnapshot | undefined;
}

/** Where one cluster of the workspace stands (file ↔ Git ↔ system), as the tree and the CLI's status show it. */
export interface ClusterSyncStatus {
  state: ClusterState;
  /** Why, in a few lines for the tooltip: one per side that matters. */
  reasons: string[];
  /** The file against Git HEAD. */
  gitComparison: 'same' | 'different' | 'untracked' | 'no-repository';
  /** What applying the file would change in the system (empty when the system is unknown). */
  changes: FieldChange[];
}

/**
 * One state per cluster, the first that holds in this order: invalid, not in Git, modified, unknown,
 * unreachable / auth failed / needs passphrase / status unavailable (each as the read found it), not in the
 * system, in sync, committed but not applied, drifted. Local edits come before the system
 * because they are what the user acts on next; the tooltip still lists every side.
 */
export function clusterStatus(inputs: ClusterInputs): ClusterSyncStatus {
  const file = normalizeCluster(inputs.file);
  const head = inputs.git.kind === 'tracked' ? findCluster(inputs.git.headText, inputs.name) : undefined;
  const headCanonical = head ? normalizeCluster(head) : undefined;
  const gitComparison = compareWithGit(inputs.git, file, headCanonical);
  // What Git holds is what should run; without a repository the file itself is the reference.
  const committed = headCanonical && gitComparison !== 'untracked' ? headCanonical : file;

  const systemText = systemSpecText(inputs.system);
  const systemValue = systemText !== undefined ? findCluster(systemText, inputs.name) : undefined;
  const system = systemValue ? normalizeCluster(systemValue) : undefined;
  const changes = system ? fieldChanges(system, file) : [];

  const reasons = [gitReason(inputs.git, gitComparison), systemReason(inputs.system, systemText, system)];
  if (inputs.validation.errors > 0) {
    const first = inputs.validation.firstError ? `: ${inputs.validation.firstError}` : '';
    reasons.unshift(`${plural(inputs.validation.errors, 'error')} in the spec${first}`);
  }
  const state = decide(inputs, gitComparison, committed, system);
  return { state, reasons: reasons.filter((r) => r !== ''), gitComparison, changes };
}

function decide(
  inputs: ClusterInputs,
  gitComparison: ClusterSyncStatus['gitComparison'],
  committed: CanonicalMap,
  system: CanonicalMap | undefined,
): ClusterState {
  if (inputs.validation.errors > 0) return 'invalid';
  if (gitComparison === 'untracked') return 'untracked';
  if (gitComparison === 'different') return 'modified';
  const snapshot = inputs.system;
  if (!snapshot || snapshot.kind === 'unknown' || snapshot.kind === 'cancelled') return 'unknown';
  if (snapshot.kind === 'unreachable') return 'unreachable';
  if (snapshot.kind === 'auth-failed') return 'auth-failed';
  if (snapshot.kind === 'needs-passphrase') return 'needs-passphrase';
  if (snapshot.kind === 'command-missing' || snapshot.kind === 'command-failed') return 'status-unavailable';
  if (snapshot.kind === 'absent') return 'not-in-system';
  if (!system) {
    // The record without its spec.yaml: its hash (of the canonical form) still tells same from different.
    const hash = snapshot.liveText === undefined ? snapshot.applied?.contentHash : undefined;
    if (!hash) return 'unknown';
    if (hash === specHash(committedValue(inputs))) return 'in-sync';
    return behindGit(snapshot, inputs, undefined) ? 'not-applied' : 'drifted';
  }
  if (same(system, committed)) return 'in-sync';
  return behindGit(snapshot, inputs, system) ? 'not-applied' : 'drifted';
}

/**
 * "Committed but not applied" rather than "drifted": the system still runs exactly what was last applied
 * (so nobody changed it behind Git's back), and that apply was of another commit than HEAD. Without a
 * status command the last-applied record is all we know of the system, so drift cannot be seen then.
 */
function behindGit(
  snapshot: Extract<SystemSnapshot, { kind: 'present' }>,
  inputs: ClusterInputs,
  system: CanonicalMap | undefined,
): boolean {
  const applied = snapshot.applied;
  if (!applied) return false;
  if (snapshot.liveText !== undefined) {
    if (!system) return false;
    const appliedValue = applied.specText !== undefined ? findCluster(applied.specText, inputs.name) : undefined;
    if (!appliedValue || !same(normalizeCluster(appliedValue), system)) return false;
  }
  // Applied from HEAD yet different from it: the record cannot explain the difference, so it is drift.
  const head = inputs.git.kind === 'tracked' ? inputs.git.commit : undefined;
  return applied.commit === undefined || head === undefined || applied.commit !== head;
}

/** The committed cluster as a plain value (HEAD's where Git has it, else the file's), for the record's hash. */
function committedValue(inputs: ClusterInputs): Record<string, unknown> {
  const head = inputs.git.kind === 'tracked' ? findCluster(inputs.git.headText, inputs.name) : undefined;
  return head ?? inputs.file;
}

function compareWithGit(git: GitSnapshot, file: CanonicalMap, head: CanonicalMap | undefined): ClusterSyncStatus['gitComparison'] {
  if (git.kind === 'no-repository' || git.kind === 'error') return 'no-repository';
  if (git.kind === 'untracked' || !head) return 'untracked';
  return same(file, head) ? 'same' : 'different';
}

function gitReason(git: GitSnapshot, comparison: ClusterSyncStatus['gitComparison']): string {
  if (git.kind === 'error') return `Git: ${git.reason}`;
  if (comparison === 'no-repository') return 'Not in a Git repository: the file is compared with the system directly.';
  if (comparison === 'untracked') return 'The file (or this cluster) is not committed to Git yet.';
  const at = git.kind === 'tracked' && git.commit ? ` (${shortCommit(git.commit)})` : '';
  if (comparison === 'different') return `The file differs from Git HEAD${at}: commit it before applying.`;
  return `The file matches Git HEAD${at}.`;
}

function systemReason(snapshot: SystemSnapshot | undefined, text: string | undefined, system: CanonicalMap | undefined): string {
  if (!snapshot) return 'The system has not been checked yet.';
  switch (snapshot.kind) {
    case 'unknown':
      return `System not checked: ${snapshot.reason}`;
    case 'cancelled':
      return `The check of the system was cancelled (${snapshot.source}).`;
    case 'unreachable':
      return `The agent could not be reached (${snapshot.source}): ${snapshot.reason}`;
    case 'auth-failed':
      return `Authentication to the agent failed (${snapshot.source}): ${snapshot.reason}`;
    case 'needs-passphrase':
      return `The key ${snapshot.keyFile} needs its passphrase (${snapshot.source}): use "Enter Passphrase".`;
    case 'command-missing':
    case 'command-failed':
      return `${snapshot.reason}. The system state is not known.`;
    case 'absent':
      return `The system has no such cluster: ${snapshot.reason} (${snapshot.source}).`;
    case 'present':
      if ((text === undefined || !system) && snapshot.applied?.contentHash && snapshot.liveText === undefined) {
        return `No readable spec.yaml on the agent host (${snapshot.source}): compared by the recorded hash.`;
      }
      if (text === undefined || !system) return `The system answered (${snapshot.source}) without a readable spec.`;
      return `The system's spec comes from the ${snapshot.liveText !== undefined ? 'status command' : 'last-applied record'} (${snapshot.source})${appliedWords(snapshot.applied)}.`;
  }
}

/** ", last applied <time> by <user> from commit <id>" where the agent host kept a record. */
function appliedWords(applied: Extract<SystemSnapshot, { kind: 'present' }>['applied']): string {
  if (!applied?.appliedAt) return '';
  return `; last applied ${applied.appliedAt}${applied.appliedBy ? ` by ${applied.appliedBy}` : ''}${applied.commit ? ` from commit ${applied.commit.slice(0, 12)}` : ''}`;
}

function same(a: CanonicalMap, b: CanonicalMap): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
