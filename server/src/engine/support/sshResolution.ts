// Where each node of a Cluster spec gets its SSH access from, read once for the ssh-source rule and for the
// agent that reaches the nodes (client/src/agent/nodes.ts), so the two cannot disagree. Reference §5 rule 10
// and §11 (D1: node `ssh.*` overrides `config.ssh.*`, which falls back to the credential; the address is
// `ssh.ipAddress` or else `privateIP`; a node's own `ssh` block with a key is a complete SSH source for rctl,
// as Rafay's own templates use it).
import { config, nodes, record, text, type Dict, type NodeView } from './clusterView';

/** The most specific place that gives a node its SSH key: its own `ssh`, `config.ssh`, or the Credentials spec. */
export type SshSourceKind = 'node' | 'config' | 'credentials';

export interface NodeSsh {
  node: NodeView;
  /** `ssh.ipAddress`, else `privateIP`; undefined when the spec gives neither. */
  host: string | undefined;
  /** As written (the API type is a string; a number is read too): node `ssh.port`, else `config.ssh.port`. */
  port: unknown;
  /** Node `ssh.username`, else `config.ssh.username` (the credential's comes after, where it is known). */
  username: string | undefined;
  /** Undefined when the node has no SSH source at all. */
  source: SshSourceKind | undefined;
}

export interface ClusterSsh {
  /** The non-empty `spec.cloudCredentials` name. */
  credentials: string | undefined;
  /** Whether `spec.config.ssh` is set (a map): the TF provider accepts it as the cluster's SSH source. */
  hasConfigSsh: boolean;
  nodes: NodeSsh[];
}

const resolutions = new WeakMap<Dict, ClusterSsh>();

/** The SSH resolution of every node, read once per parsed spec. */
export function resolveSsh(spec: Dict): ClusterSsh {
  let resolved = resolutions.get(spec);
  if (!resolved) {
    resolved = readSsh(spec);
    resolutions.set(spec, resolved);
  }
  return resolved;
}

function readSsh(spec: Dict): ClusterSsh {
  const credentials = text(record(spec.spec)?.cloudCredentials)?.trim() || undefined;
  const clusterSsh = record(config(spec).ssh);
  return {
    credentials,
    hasConfigSsh: clusterSsh !== undefined,
    nodes: nodes(spec).map((node) => {
      const own = record(node.value.ssh) ?? {};
      const source: SshSourceKind | undefined = hasKey(own) ? 'node' : clusterSsh ? 'config' : credentials ? 'credentials' : undefined;
      return {
        node,
        host: nonEmpty(own.ipAddress) ?? nonEmpty(node.privateIP),
        port: present(own.port) ?? present(clusterSsh?.port),
        username: nonEmpty(own.username) ?? nonEmpty(clusterSsh?.username),
        source,
      };
    }),
  };
}

/** A node's own `ssh` is a source of its own when it names the key rctl logs in with. */
const hasKey = (ssh: Dict) => nonEmpty(ssh.privateKeyPath) !== undefined;
const nonEmpty = (v: unknown) => text(v)?.trim() || undefined;
const present = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : v);
