// Where and as whom each node of a Cluster spec is reached over SSH: the engine's resolution (address
// `ssh.ipAddress` else `privateIP`; port and username from the node's `ssh`, else `config.ssh`), the same the
// ssh-source rule checks, then the Credentials spec, else the agent login.
import type { Dict, NodeView } from '../../../server/src/engine/support/clusterView';
import { resolveSsh, type SshSourceKind } from '../../../server/src/engine/support/sshResolution';
import { toPort, type AgentConfig, type CredentialsInfo, type SshTarget } from './agentConfig';

export interface NodeTarget {
  node: NodeView;
  /** Undefined when the spec gives no address (then `problem` says so). */
  target: SshTarget | undefined;
  problem: string | undefined;
  /** Where the spec gives this node its SSH access (undefined: nowhere, the ssh-source rule reports it). */
  source: SshSourceKind | undefined;
}

export function nodeTargets(cluster: Dict, credentials: CredentialsInfo | undefined, agent: Pick<AgentConfig, 'username'>): NodeTarget[] {
  return resolveSsh(cluster).nodes.map(({ node, host, port, username, source }) => {
    if (!host) return { node, target: undefined, problem: 'no ssh.ipAddress or privateIP to reach the node at', source };
    const target = { host, port: toPort(port) ?? credentials?.port ?? 22, username: username ?? credentials?.username ?? agent.username };
    return { node, target, problem: undefined, source };
  });
}
