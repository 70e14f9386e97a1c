// ~/.ssh/config as users have it, against real sshd: the agent host by an alias (HostName, Port, User,
// IdentityFile, UserKnownHostsFile all from the file), the nodes by aliases reached with ProxyJump through the
// agent host, explicit settings beating the file, and a ProxyJump that is really taken (a bastion that refuses
// forwarding makes the node unreachable, naming the hop).
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFromTarget, parseAgents, type AgentConfig } from '../../client/src/agent/agentConfig';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { formatEntry } from '../../client/src/agent/knownHosts';
import { ConnectionPool } from '../../client/src/agent/pool';
import { preflightCluster } from '../../client/src/agent/preflightCluster';
import { exec } from '../../client/src/agent/remote';
import { SshClientConfig } from '../../client/src/agent/sshConfig';
import { clusterStatuses } from '../../client/src/agent/status';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { clusterYaml } from '../support/cluster';
import { startFleet, type Fleet } from '../support/fleet';
import { startSshd, type Sshd } from '../support/sshd';

let fleet: Fleet | undefined;
let bastion: Sshd | undefined;
let configText: string;
let emptyTrust: string;

beforeAll(async () => {
  fleet = await startFleet('sshconfig', 2);
  const { dir, keys, agentHost, nodes } = fleet;
  bastion = await startSshd({ dir: path.join(dir, 'bastion'), listen: '127.0.0.1', hostname: 'bastion', authorizedKeys: keys.authorizedKeys, extraConfig: ['AllowTcpForwarding no'] });
  const userKnownHosts = path.join(dir, 'user_known_hosts');
  writeFileSync(userKnownHosts, [agentHost, ...nodes, bastion].map((s) => formatEntry(s.host, s.port, s.hostKeyBlob)).join('\n') + '\n');
  emptyTrust = path.join(dir, 'empty_trust');
  writeFileSync(emptyTrust, '');
  configText = [
    '# as a user keeps it: aliases, a wildcard block, first value wins',
    'Host mks-agent',
    '  HostName 127.0.0.1',
    `  Port ${agentHost.port}`,
    '  User root',
    `  IdentityFile ${keys.plain}`,
    `  UserKnownHostsFile ${userKnownHosts}`,
    'Host walled',
    '  HostName 127.0.0.1',
    `  Port ${bastion.port}`,
    '  User root',
    `  IdentityFile ${keys.plain}`,
    `  UserKnownHostsFile ${userKnownHosts}`,
    ...nodes.flatMap((n, i) => [`Host node-${i + 1}.lab`, `  HostName ${n.host}`, `  Port ${n.port}`]),
    'Host *.lab',
    '  User root',
    '  ProxyJump mks-agent',
    `  IdentityFile ${keys.plain}`,
    `  UserKnownHostsFile ${userKnownHosts}`,
    'Host *.walled',
    '  ProxyJump walled',
    '',
  ].join('\n');
});

afterAll(() => {
  bastion?.kill();
  fleet?.stop();
});

const hostKeys = () => new HostKeyPolicy({ trustStoreFile: emptyTrust, userKnownHostsFiles: [] });
const viaAlias = (overrides: Partial<AgentConfig> = {}) => agentFromTarget('mks-agent', { workdir: path.join(fleet!.dir, 'work'), statusCommand: '', auth: { useAgent: false }, ...overrides });

/** A spec whose nodes are reached by ~/.ssh/config aliases (ssh.ipAddress), with no port or user in the spec. */
function aliasSpec(domain: string): string {
  const text = clusterYaml('aliased', fleet!.nodes.map((n, i) => ({ hostname: n.hostname, privateIP: n.host, port: n.port, sshAddress: `node-${i + 1}.${domain}`, roles: i === 0 ? ['ControlPlane', 'Worker'] : ['Worker'] })));
  return text.replace(/port: "\d+", username: root\}/g, '}').replace(/, \}/g, '}');
}

describe('~/.ssh/config', () => {
  it('resolves an alias: HostName, Port, User, IdentityFile, UserKnownHostsFile; explicit settings beat it; ProxyJump chains and none', () => {
    const config = SshClientConfig.parse(configText);
    const agent = config.resolve({ host: 'mks-agent' });
    expect(agent).toMatchObject({ target: { host: '127.0.0.1', port: fleet!.agentHost.port, username: 'root' }, identityFile: fleet!.keys.plain, jumps: [] });
    expect(agent.knownHostsFiles).toEqual([path.join(fleet!.dir, 'user_known_hosts')]);
    expect(config.resolve({ host: 'mks-agent', port: 2200, username: 'ops', identityFile: '/k' })).toMatchObject({ target: { host: '127.0.0.1', port: 2200, username: 'ops' }, identityFile: '/k' });
    const node = config.resolve({ host: 'node-1.lab' });
    expect(node).toMatchObject({ target: { host: fleet!.nodes[0].host, port: fleet!.nodes[0].port, username: 'root' }, jumps: [{ target: { host: '127.0.0.1', port: fleet!.agentHost.port, username: 'root' } }] });
    const chained = SshClientConfig.parse('Host far\n  ProxyJump ops@hop1:2222,hop2\n  User me\nHost hop2\n  HostName 10.1.1.1\n  ProxyJump none\n');
    expect(chained.resolve({ host: 'far' }).jumps.map((j) => j.target)).toEqual([
      { host: 'hop1', port: 2222, username: 'ops' },
      { host: '10.1.1.1', port: 22, username: userInfo().username },
    ]);
    expect(SshClientConfig.none.resolve({ host: 'plain.example', port: 22, username: 'u' })).toEqual({ target: { host: 'plain.example', port: 22, username: 'u' }, jumps: [], knownHostsFiles: [] });
  });

  it('connects to the agent host by its alias with everything from the file (the trust store is empty: its UserKnownHostsFile trusts)', async () => {
    const pool = new ConnectionPool({ agent: viaAlias(), auth: {}, hostKeys: hostKeys(), sshConfig: SshClientConfig.parse(configText) });
    try {
      const conn = await pool.agentHost();
      expect((await exec(conn, 'hostname')).stdout).toBe('agent-host\n');
    } finally {
      pool.closeAll();
    }
    // The CLI's status through the same pool: the alias reaches the agent (never applied here, so not in the system).
    const [report] = await clusterStatuses({ file: new YamlFile('file:///a.yaml', aliasSpec('lab')), agent: viaAlias(), hostKeys: hostKeys(), sshConfig: SshClientConfig.parse(configText) });
    expect(report).toMatchObject({ state: 'not-in-system', system: { kind: 'absent', source: 'last-applied record on mks-agent' } });
  });

  it('reaches the nodes by their aliases through the agent host (ProxyJump), even with direct: true', async () => {
    const { agents } = parseAgents({ lab: { host: 'mks-agent', direct: true, workdir: 'w', auth: { useAgent: false } } });
    expect(agents[0]).toMatchObject({ host: 'mks-agent', username: '', explicitPort: false, direct: true });
    const report = await preflightCluster({
      agent: agents[0],
      connection: { auth: {}, hostKeys: hostKeys(), sshConfig: SshClientConfig.parse(configText) },
      cluster: new YamlFile('file:///a.yaml', aliasSpec('lab')).documents[0].value as Record<string, unknown>,
      workspace: [],
      maxClockSkewSeconds: 30,
    });
    const reach = report.nodes.map((n) => n.results.find((r) => r.check === 'reachable'));
    expect(reach.map((r) => r?.status)).toEqual(['pass', 'pass']);
    expect(reach.map((r) => r?.message)).toEqual(fleet!.nodes.map((n) => `reached root@${n.host}:${n.port}`));
    const hostnames = report.nodes.map((n) => n.results.find((r) => r.check === 'hostname')?.status);
    expect(hostnames).toEqual(['pass', 'pass']);
  });

  it('takes the ProxyJump it names: through a bastion that refuses forwarding the node is unreachable, naming the hop', async () => {
    const report = await preflightCluster({
      agent: viaAlias({ direct: true }),
      connection: { auth: {}, hostKeys: hostKeys(), sshConfig: SshClientConfig.parse(configText.replace(/Host node-(\d)\.lab/g, 'Host node-$1.walled') + `Host *.walled\n  User root\n  IdentityFile ${fleet!.keys.plain}\n`) },
      cluster: new YamlFile('file:///a.yaml', aliasSpec('walled')).documents[0].value as Record<string, unknown>,
      workspace: [],
      maxClockSkewSeconds: 30,
    });
    const reach = report.nodes[0].results.find((r) => r.check === 'reachable');
    expect(reach).toMatchObject({ status: 'fail', message: expect.stringMatching(new RegExp(`^Cannot reach root@${fleet!.nodes[0].host.replace(/\./g, '\\.')}:\\d+ through root@127\\.0\\.0\\.1:${bastion!.port}: `)) });
  });
});
