// A test fleet on loopback: a real sshd agent host with the rctl test double on its PATH, real sshd nodes (own
// hostname, own address on lo, Ubuntu 22.04 os-release), and a known_hosts file that trusts all of them.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatEntry } from '../../client/src/agent/knownHosts';
import { UBUNTU_2204 } from './cluster';
import { addLoopbackAddresses, makeKeys, makeTempDir, removeDir, startSshd, type Keys, type Sshd } from './sshd';

export interface Fleet {
  dir: string;
  keys: Keys;
  agentHost: Sshd;
  nodes: Sshd[];
  knownHosts: string;
  /** Where the rctl double keeps its calls and canned answers (delete it to reset the double). */
  rctlState: string;
  stop(): void;
}

/**
 * `nodeCount` nodes, each on its own address on lo (127.77.B.11, .12, …: `nodes[i].host`, a block of this fleet's
 * own for its lifetime, see addLoopbackAddresses); none for an agent host alone.
 */
export async function startFleet(name: string, nodeCount = 0): Promise<Fleet> {
  const dir = makeTempDir(name);
  const keys = makeKeys(dir);
  const lo = nodeCount > 0 ? addLoopbackAddresses(nodeCount) : undefined;
  const nodeIps = lo?.addresses ?? [];
  const agentHost = await startSshd({ dir: path.join(dir, 'agent'), listen: '127.0.0.1', hostname: 'agent-host', authorizedKeys: keys.authorizedKeys });
  copyFileSync(path.join(__dirname, 'rctl-double.sh'), path.join(agentHost.binDir, 'rctl'));
  const nodes = await Promise.all(
    nodeIps.map((ip, i) =>
      startSshd({ dir: path.join(dir, `node-${i + 1}`), listen: ip, hostname: `node-${i + 1}`, authorizedKeys: keys.authorizedKeys, overlay: { '/etc/os-release': UBUNTU_2204 } }),
    ),
  );
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, [agentHost, ...nodes].map((s) => formatEntry(s.host, s.port, s.hostKeyBlob)).join('\n') + '\n');
  return {
    dir,
    keys,
    agentHost,
    nodes,
    knownHosts,
    rctlState: path.join(agentHost.binDir, 'rctl-state'),
    stop() {
      for (const s of [agentHost, ...nodes]) s.kill();
      lo?.remove();
      removeDir(dir);
    },
  };
}
