// The CLI's `status`: per Cluster document of a file, the system side read by THE reader (systemReader.ts, the
// one the sync view uses too) and judged by the sync model's clusterStatus() (client/src/sync/clusterState.ts),
// so the CLI and the tree say the same state, in the same words, with the same changes. The CLI knows no Git:
// the file itself is what should run.
import { isRecord, type YamlFile } from '../../../server/src/engine/yamlFile';
import { clusterStatus, type ClusterState } from '../sync/clusterState';
import type { FieldChange } from '../sync/fieldChanges';
import type { SystemSnapshot } from '../sync/systemState';
import type { AgentConfig } from './agentConfig';
import type { AskPassphrase, SecretProvider } from './auth';
import type { HostKeyPolicy } from './hostKeys';
import { ConnectionPool } from './pool';
import { CLUSTER_NAME } from './remoteFiles';
import type { SshClientConfig } from './sshConfig';
import { readSystemState } from './systemReader';

/** One cluster of a file as `mks-gitops status` reports it. */
export interface ClusterStatusReport {
  cluster: string;
  project: string | undefined;
  /** The sync view's state for it (see stateStyle.ts for the words). */
  state: ClusterState;
  /** Why, one sentence per side (the system's first). */
  message: string;
  /** What applying the file would change in the system (empty when not compared). */
  changes: FieldChange[];
  /** What the read of the system found. */
  system: SystemSnapshot;
}

export interface StatusOptions {
  file: YamlFile;
  agent: AgentConfig;
  hostKeys: HostKeyPolicy;
  secrets?: SecretProvider;
  askPassphrase?: AskPassphrase;
  sshConfig?: SshClientConfig;
  signal?: AbortSignal;
}

/** One report per Cluster document of the file; never throws for remote trouble (that is a state). */
export async function clusterStatuses(options: StatusOptions): Promise<ClusterStatusReport[]> {
  const clusters = options.file.documents.filter((d) => d.kind === 'Cluster' && isRecord(d.value)).map((d) => d.value as Record<string, unknown>);
  const reports: ClusterStatusReport[] = [];
  const pool = new ConnectionPool({ agent: options.agent, auth: { secrets: options.secrets, askPassphrase: options.askPassphrase }, hostKeys: options.hostKeys, sshConfig: options.sshConfig });
  try {
    for (const spec of clusters) reports.push(await reportOf(spec, pool, options));
  } finally {
    pool.closeAll();
  }
  return reports;
}

async function reportOf(spec: Record<string, unknown>, pool: ConnectionPool, options: StatusOptions): Promise<ClusterStatusReport> {
  {
    const id = identity(spec);
    let system: SystemSnapshot;
    if (!CLUSTER_NAME.test(id.cluster)) system = { kind: 'unknown', reason: 'The Cluster spec has no valid metadata.name' };
    else {
      system = await readSystemState({ pool, agent: options.agent, cluster: { name: id.cluster, project: id.project ?? '' }, signal: options.signal });
    }
    const status = clusterStatus({ name: id.cluster, file: spec, validation: { errors: 0, warnings: 0 }, git: { kind: 'no-repository' }, system });
    const reasons = status.reasons.filter((r) => !r.startsWith('Not in a Git repository'));
    if (status.changes.length > 0) reasons.push(`Applying the file would make ${plural(status.changes.length, 'change')}.`);
    return { ...id, state: status.state, message: reasons.join(' '), changes: status.changes, system };
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function identity(spec: Record<string, unknown>): { cluster: string; project: string | undefined } {
  const metadata = isRecord(spec.metadata) ? spec.metadata : {};
  return { cluster: typeof metadata.name === 'string' ? metadata.name : '(unnamed)', project: typeof metadata.project === 'string' ? metadata.project : undefined };
}
