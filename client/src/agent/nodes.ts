// Where and as whom each node of a Cluster spec is reached over SSH: address `ssh.ipAddress` else `privateIP`;
// port and username from the node's `ssh`, else `config.ssh`, else the Credentials spec, else (marked as
// defaults, so ~/.ssh/config may say otherwise) port 22 and the agent login.
import { config, nodes, record, text, type Dict, type NodeView } from '../../../server/src/engine/support/clusterView';
import { toPort, type AgentConfig, type CredentialsInfo, type SshTarget } from './agentConfig';

export interface NodeTarget {
  node: NodeView;
  /** Undefined when the spec gives no address (then `problem` says so). */
  target: SshTarget | undefined;
  problem: string | undefined;
}

export function nodeTargets(cluster: Dict, credentials: CredentialsInfo | undefined, agent: Pick<AgentConfig, 'username'>): NodeTarget[] {
  const clusterSsh = record(config(cluster).ssh) ?? {};
  return nodes(cluster).map((node) => {
    const ssh = record(node.value.ssh) ?? {};
    const host = text(ssh.ipAddress) ?? node.privateIP;
    if (!host) return { node, target: undefined, problem: 'no ssh.ipAddress or privateIP to reach the node at' };
    const port = toPort(ssh.port) ?? toPort(clusterSsh.port) ?? credentials?.port;
    const username = text(ssh.username) ?? text(clusterSsh.username) ?? credentials?.username;
    const target: SshTarget = {
      host,
      port: port ?? 22,
      username: username ?? agent.username,
      // Only defaults: ~/.ssh/config's Port / User for the node's address may say otherwise.
      ...(port === undefined ? { portIsDefault: true } : {}),
      ...(username === undefined ? { usernameIsDefault: true } : {}),
    };
    return { node, target, problem: undefined };
  });
}
