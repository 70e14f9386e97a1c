// The system side of the sync view, read through the agent core's one reader (agent/systemReader.ts).
// No vscode import: the extension passes in how to pick the agent and how to ask the user. Picking the agent
// opens no connection; the SSH code is loaded only once there is an agent to ask.
import { chooseAgent, credentialsFor, parseAgents, type AgentConfig } from '../agent/agentConfig';
import type { AskPassphrase, SecretProvider } from '../agent/auth';
import type { HostKeyPolicy } from '../agent/hostKeys';
import { loadAgent } from './agentModule';
import type { YamlFile } from '../../../server/src/engine/yamlFile';
import { findCluster } from '../sync/clusterDocuments';
import type { ClusterIdentity, SystemSnapshot, SystemStateSource } from '../sync/systemState';

export interface AgentAccess {
  /** The `mksGitops.agents` setting as configured. */
  agentsSetting: () => unknown;
  /** The workspace's parsed spec files, where the cluster's Credentials spec (naming its agents) may be. */
  workspaceFiles: () => readonly YamlFile[];
  hostKeys: HostKeyPolicy;
  /** The host-key policy for background reads: the same trust, but it asks nobody (an unknown key is refused). */
  backgroundHostKeys?: HostKeyPolicy;
  secrets?: SecretProvider;
  askPassphrase?: AskPassphrase;
  /** The `mksGitops.ssh.configFile` setting ('' = do not read one); read again for every operation. */
  sshConfigFile?: () => string;
}

/** The user's SSH client configuration for one operation (the agent code loaded); a broken file throws a sentence. */
export async function sshConfigOf(access: AgentAccess): Promise<import('../agent/sshConfig').SshClientConfig> {
  const { SshClientConfig } = await loadAgent();
  const file = access.sshConfigFile?.() ?? '';
  return file.trim() === '' ? SshClientConfig.none : SshClientConfig.load(file);
}

/** The agent for a cluster, or a sentence saying why there is none (for the tooltip / an error message). */
export function agentForCluster(access: AgentAccess, cluster: Record<string, unknown>, requested?: string): AgentConfig | { unavailable: string } {
  const { agents, errors } = parseAgents(access.agentsSetting());
  try {
    return chooseAgent(agents, credentialsFor(cluster, access.workspaceFiles()), requested, errors);
  } catch (error) {
    // With no usable agent the sentence already names the rejected entries; otherwise they are added to it.
    return { unavailable: [(error as Error).message, ...(agents.length === 0 ? [] : errors)].join('; ') };
  }
}

/**
 * The sync view's SystemStateSource: the agent core's readSystemState(), the same reader the CLI's status uses.
 * A read here is a background refresh: it never opens a prompt (no passphrase question; an unknown host key is
 * refused by the policy's own rules); an encrypted key without a stored passphrase comes back as "needs passphrase",
 * and the tree offers "Enter Passphrase" for it.
 */
export class AgentSystemSource implements SystemStateSource {
  constructor(private readonly access: AgentAccess) {}

  async read(cluster: ClusterIdentity, signal: AbortSignal): Promise<SystemSnapshot> {
    const spec = findCluster(cluster.fileText, cluster.name);
    if (!spec) return { kind: 'unknown', reason: `${cluster.name} is not readable in ${cluster.file}` };
    const agent = agentForCluster(this.access, spec);
    if ('unavailable' in agent) return { kind: 'unknown', reason: agent.unavailable };
    const { ConnectionPool, readSystemState } = await loadAgent();
    let sshConfig;
    try {
      sshConfig = await sshConfigOf(this.access);
    } catch (error) {
      return { kind: 'unknown', reason: (error as Error).message };
    }
    const pool = new ConnectionPool({ agent, auth: { secrets: this.access.secrets }, hostKeys: this.access.backgroundHostKeys ?? this.access.hostKeys, sshConfig });
    try {
      return await readSystemState({ pool, agent, cluster: { name: cluster.name, project: cluster.project }, signal });
    } finally {
      pool.closeAll();
    }
  }
}
