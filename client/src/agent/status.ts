// Sync state of the clusters in a file against the system: the status command's YAML (the controller's copy)
// or, without a status command, the spec of the last successful apply kept on the agent host. Compared with the
// sync view's semantics (client/src/sync: normalize + fieldChanges), so the CLI and the tree agree.
import { isRecord, type YamlFile } from '../../../server/src/engine/yamlFile';
import { findCluster } from '../sync/clusterDocuments';
import { fieldChanges, type FieldChange } from '../sync/fieldChanges';
import { normalizeCluster, sameCluster, specHash } from '../sync/normalize';
import type { AgentConfig } from './agentConfig';
import type { AskPassphrase, SecretProvider } from './auth';
import type { SshConnection } from './connect';
import type { HostKeyPolicy } from './hostKeys';
import { ConnectionPool } from './pool';
import { exec, fill } from './remote';
import { CLUSTER_NAME, clusterPaths, parseRecord, readAppliedFiles, type AppliedRecord } from './remoteFiles';

export type SyncState = 'in-sync' | 'drifted' | 'not-applied' | 'unreachable' | 'unknown';

export interface ClusterStatus {
  cluster: string;
  project: string | undefined;
  state: SyncState;
  message: string;
  /** What applying the file would change in the system, as the sync view lists it (empty when not compared). */
  changes: FieldChange[];
  record?: AppliedRecord;
  /** The system's copy the file was compared with (status command's spec, or the last applied spec), for the change plan. */
  system?: Record<string, unknown>;
}

export interface StatusOptions {
  file: YamlFile;
  agent: AgentConfig;
  hostKeys: HostKeyPolicy;
  secrets?: SecretProvider;
  askPassphrase?: AskPassphrase;
  signal?: AbortSignal;
}

/** One status per Cluster document of the file; never throws for remote trouble (that is a state). */
export async function clusterStatuses(options: StatusOptions): Promise<ClusterStatus[]> {
  const clusters = options.file.documents.filter((d) => d.kind === 'Cluster' && isRecord(d.value)).map((d) => d.value as Record<string, unknown>);
  const pool = new ConnectionPool({ agent: options.agent, auth: { secrets: options.secrets, askPassphrase: options.askPassphrase }, hostKeys: options.hostKeys });
  try {
    let conn: SshConnection;
    try {
      conn = await pool.agentHost();
    } catch (error) {
      return clusters.map((spec) => ({ ...identity(spec), state: 'unreachable' as const, message: (error as Error).message, changes: [] }));
    }
    const statuses: ClusterStatus[] = [];
    for (const spec of clusters) statuses.push(await clusterStatusOn(conn, spec, options));
    return statuses;
  } finally {
    pool.closeAll();
  }
}

/** The status of one cluster over an open agent-host connection (the apply's change plan reads it this way too). */
export async function clusterStatusOn(conn: SshConnection, spec: Record<string, unknown>, options: Pick<StatusOptions, 'agent' | 'signal'>): Promise<ClusterStatus> {
  const id = identity(spec);
  if (!CLUSTER_NAME.test(id.cluster)) return { ...id, state: 'unknown', message: 'The Cluster spec has no valid metadata.name', changes: [] };
  const applied = await readAppliedFiles(conn, clusterPaths(options.agent.workdir, id.cluster)).catch(() => undefined);
  const record = parseRecord(applied?.recordText);
  try {
    return options.agent.statusCommand
      ? { ...(await fromStatusCommand(conn, spec, options)), ...(record ? { record } : {}) }
      : fromRecord(spec, record, applied?.specText);
  } catch (error) {
    return { ...id, state: 'unknown', message: (error as Error).message, changes: [], ...(record ? { record } : {}) };
  }
}

async function fromStatusCommand(conn: SshConnection, spec: Record<string, unknown>, options: Pick<StatusOptions, 'agent' | 'signal'>): Promise<ClusterStatus> {
  const id = identity(spec);
  const command = fill(options.agent.statusCommand, { name: id.cluster, project: id.project ?? '' });
  const result = await exec(conn, command, { timeoutMs: options.agent.timeouts.commandSeconds * 1000, signal: options.signal });
  if (result.code !== 0) {
    const why = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
    // Exit 127: the shell did not find the command; that says nothing about the cluster (reference §11).
    if (result.code === 127) return { ...id, state: 'unknown', message: `The status command was not found on the agent host (exit 127): ${why}`, changes: [] };
    if (/not found|does not exist|NotFound/i.test(why)) return { ...id, state: 'not-applied', message: `The controller does not know ${id.cluster}: ${why}`, changes: [] };
    return { ...id, state: 'unknown', message: `The status command failed (exit ${result.code}): ${why}`, changes: [] };
  }
  // Read as the sync view reads it (clusterDocuments): the cluster by name, also from a multi-document answer.
  const remote = findCluster(result.stdout, id.cluster);
  if (!remote) return { ...id, state: 'unknown', message: `Could not read the status command's output: it holds no readable Cluster spec for ${id.cluster}`, changes: [] };
  return compareWithSystem(spec, remote);
}

/** The file against the controller's copy: in sync when they are the same spec, else the changes an apply would make. */
export function compareWithSystem(local: Record<string, unknown>, remote: Record<string, unknown>): ClusterStatus {
  const id = identity(local);
  if (sameCluster(local, remote)) return { ...id, state: 'in-sync', message: 'The system matches the file', changes: [], system: remote };
  const changes = fieldChanges(normalizeCluster(remote), normalizeCluster(local));
  return { ...id, state: 'drifted', message: `The file differs from the system: ${plural(changes.length, 'change')}`, changes, system: remote };
}

/**
 * Without a status command: the file against the spec of the last successful apply (`spec.yaml`, written with
 * the record). Where that file is gone or unreadable, the record's hash still tells same from different, without the fields.
 */
export function fromRecord(spec: Record<string, unknown>, record: AppliedRecord | undefined, appliedText: string | undefined): ClusterStatus {
  const id = identity(spec);
  if (!record) return { ...id, state: 'not-applied', message: 'Never applied through this agent host (no applied.json)', changes: [] };
  const when = `${record.appliedAt} by ${record.user}${record.gitCommit ? ` from commit ${record.gitCommit.slice(0, 12)}` : ''}`;
  const applied = appliedText !== undefined ? findCluster(appliedText, id.cluster) : undefined;
  const same = applied ? sameCluster(spec, applied) : specHash(spec) === record.specHash;
  if (same) return { ...id, state: 'in-sync', message: `Matches the spec applied ${when}`, changes: [], record, ...(applied ? { system: applied } : {}) };
  const changes = applied ? fieldChanges(normalizeCluster(applied), normalizeCluster(spec)) : [];
  const what = applied ? `: ${plural(changes.length, 'change')}` : ' (no readable spec.yaml on the agent host; compared by hash)';
  return { ...id, state: 'drifted', message: `The file differs from the spec applied ${when}${what}`, changes, record, ...(applied ? { system: applied } : {}) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function identity(spec: Record<string, unknown>): { cluster: string; project: string | undefined } {
  const metadata = isRecord(spec.metadata) ? spec.metadata : {};
  return { cluster: typeof metadata.name === 'string' ? metadata.name : '(unnamed)', project: typeof metadata.project === 'string' ? metadata.project : undefined };
}
