// Where and as whom each node of a Cluster spec is reached over SSH: address `ssh.ipAddress` else `privateIP`;
// port and username from the node's `ssh`, else `config.ssh`, else the Credentials spec, else the agent login.
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
    const port = toPort(ssh.port) ?? toPort(clusterSsh.port) ?? credentials?.port ?? 22;
    const username = text(ssh.username) ?? text(clusterSsh.username) ?? credentials?.username ?? agent.username;
    return { node, target: { host, port, username }, problem: undefined };
  });
}
