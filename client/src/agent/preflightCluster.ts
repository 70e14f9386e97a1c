// The one way to preflight a Cluster spec (VS Code's Preflight, apply's preflight step, the CLI): the nodes to
// reach come from the spec and its Credentials spec, the limits from the agent's settings, and the connections
// from the caller's pool (apply shares its agent connection) or from a pool opened and closed here.
import type { Dict } from '../../../server/src/engine/support/clusterView';
import type { YamlFile } from '../../../server/src/engine/yamlFile';
import { credentialsFor, type AgentConfig } from './agentConfig';
import { nodeTargets } from './nodes';
import { ConnectionPool, type PoolOptions } from './pool';
import { runPreflight, type NodeReport, type PreflightOptions, type PreflightReport } from './preflight';

export type ClusterPreflightOptions = Pick<PreflightOptions, 'maxClockSkewSeconds' | 'signal'> & {
  agent: AgentConfig;
  /** The Cluster spec's value. */
  cluster: Dict;
  /** Parsed files where the cluster's Credentials spec may be (its own file among them). */
  workspace: readonly YamlFile[];
  /** Called as each node finishes, with how many of how many are done (progress). */
  onNode?: (report: NodeReport, progress: { done: number; total: number }) => void;
} & ({ pool: ConnectionPool } | { connection: Omit<PoolOptions, 'agent'> });

export async function preflightCluster(options: ClusterPreflightOptions): Promise<PreflightReport> {
  const { agent, cluster } = options;
  const pool = 'pool' in options ? options.pool : new ConnectionPool({ ...options.connection, agent });
  const targets = nodeTargets(cluster, credentialsFor(cluster, options.workspace), agent);
  let done = 0;
  try {
    return await runPreflight({
      pool,
      targets,
      parallelism: agent.parallelism,
      commandTimeoutMs: agent.timeouts.commandSeconds * 1000,
      maxClockSkewSeconds: options.maxClockSkewSeconds,
      signal: options.signal,
      onNode: (report) => options.onNode?.(report, { done: ++done, total: targets.length }),
    });
  } finally {
    if (!('pool' in options)) pool.closeAll();
  }
}
