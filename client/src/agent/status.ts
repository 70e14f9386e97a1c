// Sync state of the clusters in a file against the system: the status command's YAML (the controller's copy,
// compared semantically) or, without a status command, the agent host's record of the last successful apply.
import { parse as parseYaml } from 'yaml';
import { isRecord, type YamlFile } from '../../../server/src/engine/yamlFile';
import type { AgentConfig } from './agentConfig';
import type { AskPassphrase, SecretProvider, SshConnection } from './connect';
import type { HostKeyPolicy } from './hostKeys';
import { ConnectionPool } from './pool';
import { exec, fill } from './remote';
import { CLUSTER_NAME, clusterPaths, parseRecord, readFileOrUndefined, type AppliedRecord } from './remoteFiles';
import { diffSpecs, formatPath, specHash, type FieldDifference } from './specCompare';

export type SyncState = 'in-sync' | 'drifted' | 'not-applied' | 'unreachable' | 'unknown';

export interface ClusterStatus {
  cluster: string;
  project: string | undefined;
  state: SyncState;
  message: string;
  /** Field differences (status command only; the applied record keeps a hash, not the fields). */
  differences: FieldDifference[];
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
      return clusters.map((spec) => ({ ...identity(spec), state: 'unreachable' as const, message: (error as Error).message, differences: [] }));
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
  if (!CLUSTER_NAME.test(id.cluster)) return { ...id, state: 'unknown', message: 'The Cluster spec has no valid metadata.name', differences: [] };
  const record = await readRecord(conn, options.agent, id.cluster).catch(() => undefined);
  try {
    return options.agent.statusCommand
      ? { ...(await fromStatusCommand(conn, spec, options)), ...(record ? { record } : {}) }
      : fromRecord(spec, record);
  } catch (error) {
    return { ...id, state: 'unknown', message: (error as Error).message, differences: [], ...(record ? { record } : {}) };
  }
}

async function fromStatusCommand(conn: SshConnection, spec: Record<string, unknown>, options: StatusOptions): Promise<ClusterStatus> {
  const id = identity(spec);
  const command = fill(options.agent.statusCommand, { name: id.cluster, project: id.project ?? '' });
  const result = await exec(conn, command, { timeoutMs: options.agent.timeouts.commandSeconds * 1000, signal: options.signal });
  if (result.code !== 0) {
    const why = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
    if (/not found|does not exist|NotFound/i.test(why)) return { ...id, state: 'not-applied', message: `The controller does not know ${id.cluster}: ${why}`, differences: [] };
    return { ...id, state: 'unknown', message: `The status command failed (exit ${result.code}): ${why}`, differences: [] };
  }
  let remote: unknown;
  try {
    remote = parseYaml(result.stdout);
  } catch (error) {
    return { ...id, state: 'unknown', message: `Could not read the status command's YAML: ${(error as Error).message.split('\n')[0]}`, differences: [] };
  }
  if (!isRecord(remote)) return { ...id, state: 'unknown', message: 'Could not read the status command\'s output: it is not a YAML mapping', differences: [] };
  return compareWithSystem(spec, remote);
}

/** The semantic comparison of a local spec with the controller's copy (also used by the sync view). */
export function compareWithSystem(local: Record<string, unknown>, remote: Record<string, unknown>): ClusterStatus {
  const id = identity(local);
  const differences = diffSpecs(local, remote);
  if (differences.length === 0) return { ...id, state: 'in-sync', message: 'The system matches the file', differences };
  const shown = differences.slice(0, 5).map((d) => formatPath(d.path)).join(', ');
  return { ...id, state: 'drifted', message: `${differences.length} field(s) differ from the system: ${shown}${differences.length > 5 ? ', …' : ''}`, differences };
}

/** Without a status command: the file against the hash recorded by the last successful apply. */
export function fromRecord(spec: Record<string, unknown>, record: AppliedRecord | undefined): ClusterStatus {
  const id = identity(spec);
  if (!record) return { ...id, state: 'not-applied', message: 'Never applied through this agent host (no applied.json)', differences: [] };
  const when = `${record.appliedAt} by ${record.user}${record.gitCommit ? ` from commit ${record.gitCommit.slice(0, 12)}` : ''}`;
  return specHash(spec) === record.specHash
    ? { ...id, state: 'in-sync', message: `Matches the spec applied ${when}`, differences: [], record }
    : { ...id, state: 'drifted', message: `The file differs from the spec applied ${when}`, differences: [], record };
}

async function readRecord(conn: SshConnection, agent: AgentConfig, cluster: string): Promise<AppliedRecord | undefined> {
  const sftp = await conn.sftp();
  try {
    return parseRecord(await conn.guard(readFileOrUndefined(sftp, clusterPaths(agent.workdir, cluster).record)));
  } finally {
    sftp.end();
  }
}

function identity(spec: Record<string, unknown>): { cluster: string; project: string | undefined } {
  const metadata = isRecord(spec.metadata) ? spec.metadata : {};
  return { cluster: typeof metadata.name === 'string' ? metadata.name : '(unnamed)', project: typeof metadata.project === 'string' ? metadata.project : undefined };
}
