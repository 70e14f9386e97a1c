// The system side of the sync view, read through the SSH agent code: the status command's YAML (what the
// controller runs now) and the agent host's record of the last successful apply with the spec it applied.
// No vscode import: the extension passes in how to pick the agent and how to ask the user. Picking the agent
// opens no connection; the SSH code is loaded only once there is an agent to ask.
import { chooseAgent, credentialsFor, parseAgents, type AgentConfig } from '../agent/agentConfig';
import type { AskPassphrase, SecretProvider } from '../agent/auth';
import type { HostKeyPolicy } from '../agent/hostKeys';
import type { AppliedRecord as AgentRecord } from '../agent/remoteFiles';
import { loadAgent } from './agentModule';
import type { YamlFile } from '../../../server/src/engine/yamlFile';
import { findCluster } from '../sync/clusterDocuments';
import type { AppliedRecord, ClusterIdentity, SystemSnapshot, SystemStateSource } from '../sync/systemState';

export interface AgentAccess {
  /** The `mksGitops.agents` setting as configured. */
  agentsSetting: () => unknown;
  /** The workspace's parsed spec files, where the cluster's Credentials spec (naming its agents) may be. */
  workspaceFiles: () => readonly YamlFile[];
  hostKeys: HostKeyPolicy;
  secrets?: SecretProvider;
  askPassphrase?: AskPassphrase;
}

/** The agent for a cluster, or a sentence saying why there is none (for the tooltip / an error message). */
export function agentForCluster(access: AgentAccess, cluster: Record<string, unknown>, requested?: string): AgentConfig | { unavailable: string } {
  const { agents, errors } = parseAgents(access.agentsSetting());
  try {
    return chooseAgent(agents, credentialsFor(cluster, access.workspaceFiles()), requested);
  } catch (error) {
    return { unavailable: [(error as Error).message, ...errors].join('; ') };
  }
}

const NOT_FOUND = /not found|does not exist|NotFound/i;

export class AgentSystemSource implements SystemStateSource {
  constructor(private readonly access: AgentAccess) {}

  async read(cluster: ClusterIdentity, signal: AbortSignal): Promise<SystemSnapshot> {
    const spec = findCluster(cluster.fileText, cluster.name);
    if (!spec) return { kind: 'unknown', reason: `${cluster.name} is not readable in ${cluster.file}` };
    const agent = agentForCluster(this.access, spec);
    if ('unavailable' in agent) return { kind: 'unknown', reason: agent.unavailable };
    const { ConnectionPool, clusterPaths, exec, fill, parseRecord, readAppliedFiles } = await loadAgent();
    const pool = new ConnectionPool({ agent, auth: { secrets: this.access.secrets, askPassphrase: this.access.askPassphrase }, hostKeys: this.access.hostKeys });
    try {
      const conn = await pool.agentHost();
      const { recordText, specText } = await readAppliedFiles(conn, clusterPaths(agent.workdir, cluster.name));
      const applied = appliedOf(parseRecord(recordText), specText);
      if (!agent.statusCommand) {
        const source = `last-applied record on ${agent.name}`;
        return applied ? { kind: 'present', source, applied } : { kind: 'absent', source };
      }
      const command = fill(agent.statusCommand, { name: cluster.name, project: cluster.project });
      const result = await exec(conn, command, { timeoutMs: agent.timeouts.commandSeconds * 1000, signal });
      const source = `status command on ${agent.name}`;
      if (result.code === 0) return { kind: 'present', source, liveText: result.stdout, ...(applied ? { applied } : {}) };
      const why = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
      if (NOT_FOUND.test(why)) return { kind: 'absent', source };
      return { kind: 'unknown', reason: `The status command failed on ${agent.name} (exit ${result.code ?? result.signal}): ${why}` };
    } catch (error) {
      return { kind: 'unreachable', source: agent.name, reason: (error as Error).message };
    } finally {
      pool.closeAll();
    }
  }
}

function appliedOf(record: AgentRecord | undefined, specText: string | undefined): AppliedRecord | undefined {
  if (!record) return undefined;
  return {
    ...(record.gitCommit ? { commit: record.gitCommit } : {}),
    contentHash: record.specHash,
    appliedAt: record.appliedAt,
    appliedBy: record.user,
    ...(record.tasksetId ? { taskset: record.tasksetId } : {}),
    ...(specText !== undefined ? { specText } : {}),
  };
}
