// Sync state of the clusters in a file against the system: the status command's YAML (the controller's copy)
// or, without a status command, the spec of the last successful apply kept on the agent host. Compared with the
// sync view's semantics (client/src/sync: normalize + fieldChanges), so the CLI and the tree agree.
import { parse as parseYaml } from 'yaml';
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
    for (const spec of clusters) statuses.push(await statusOf(conn, spec, options));
    return statuses;
  } finally {
    pool.closeAll();
  }
}

async function statusOf(conn: SshConnection, spec: Record<string, unknown>, options: StatusOptions): Promise<ClusterStatus> {
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

async function fromStatusCommand(conn: SshConnection, spec: Record<string, unknown>, options: StatusOptions): Promise<ClusterStatus> {
  const id = identity(spec);
  const command = fill(options.agent.statusCommand, { name: id.cluster, project: id.project ?? '' });
  const result = await exec(conn, command, { timeoutMs: options.agent.timeouts.commandSeconds * 1000, signal: options.signal });
  if (result.code !== 0) {
    const why = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
    if (/not found|does not exist|NotFound/i.test(why)) return { ...id, state: 'not-applied', message: `The controller does not know ${id.cluster}: ${why}`, changes: [] };
    return { ...id, state: 'unknown', message: `The status command failed (exit ${result.code}): ${why}`, changes: [] };
  }
  let remote: unknown;
  try {
    remote = parseYaml(result.stdout);
  } catch (error) {
    return { ...id, state: 'unknown', message: `Could not read the status command's YAML: ${(error as Error).message.split('\n')[0]}`, changes: [] };
  }
  if (!isRecord(remote)) return { ...id, state: 'unknown', message: 'Could not read the status command\'s output: it is not a YAML mapping', changes: [] };
  return compareWithSystem(spec, remote);
}

/** The file against the controller's copy: in sync when they are the same spec, else the changes an apply would make. */
export function compareWithSystem(local: Record<string, unknown>, remote: Record<string, unknown>): ClusterStatus {
  const id = identity(local);
  if (sameCluster(local, remote)) return { ...id, state: 'in-sync', message: 'The system matches the file', changes: [] };
  const changes = fieldChanges(normalizeCluster(remote), normalizeCluster(local));
  return { ...id, state: 'drifted', message: `The file differs from the system: ${plural(changes.length, 'change')}`, changes };
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
  if (same) return { ...id, state: 'in-sync', message: `Matches the spec applied ${when}`, changes: [], record };
  const changes = applied ? fieldChanges(normalizeCluster(applied), normalizeCluster(spec)) : [];
  const what = applied ? `: ${plural(changes.length, 'change')}` : ' (no readable spec.yaml on the agent host; compared by hash)';
  return { ...id, state: 'drifted', message: `The file differs from the spec applied ${when}${what}`, changes, record };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function identity(spec: Record<string, unknown>): { cluster: string; project: string | undefined } {
  const metadata = isRecord(spec.metadata) ? spec.metadata : {};
  return { cluster: typeof metadata.name === 'string' ? metadata.name : '(unnamed)', project: typeof metadata.project === 'string' ? metadata.project : undefined };
}
