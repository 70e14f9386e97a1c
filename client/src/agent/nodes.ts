// Where and as whom each node of a Cluster spec is reached over SSH: the engine's resolution (address
// `ssh.ipAddress` else `privateIP`; port and username from the node's `ssh`, else `config.ssh`), the same the
// ssh-source rule checks, then the Credentials spec, else (marked as defaults, so ~/.ssh/config may say
// otherwise) port 22 and the agent login.
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
  return resolveSsh(cluster).nodes.map(({ node, host, port: ownPort, username: ownUser, source }) => {
    if (!host) return { node, target: undefined, problem: 'no ssh.ipAddress or privateIP to reach the node at', source };
    const port = toPort(ownPort) ?? credentials?.port;
    const username = ownUser ?? credentials?.username;
    const target: SshTarget = {
      host,
      port: port ?? 22,
      username: username ?? agent.username,
      // Only defaults: ~/.ssh/config's Port / User for the node's address may say otherwise.
      ...(port === undefined ? { portIsDefault: true } : {}),
      ...(username === undefined ? { usernameIsDefault: true } : {}),
    };
    return { node, target, problem: undefined, source };
  });
}
