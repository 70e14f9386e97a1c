// Preflight against real sshd "nodes" (own hostname, os-release, PATH per node), reached through the agent host.
// node-1 and node-2 are healthy; node-3 has every node-side fault: swap on, no sudo, a skewed clock, garbage uname.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFromTarget } from '../../client/src/agent/agentConfig';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { formatEntry } from '../../client/src/agent/knownHosts';
import { preflightFindings, type PreflightReport } from '../../client/src/agent/preflight';
import { preflightCluster } from '../../client/src/agent/preflightCluster';
import type { CheckId } from '../../client/src/agent/preflightChecks';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { clusterYaml, UBUNTU_2204, type TestNode } from '../support/cluster';
import { addLoopbackAddresses, freePort, makeKeys, makeTempDir, removeDir, startSshd, type Keys, type LoopbackBlock, type Sshd } from '../support/sshd';

let IPS: string[];
let dir: string;
let keys: Keys;
let agentHost: Sshd;
let servers: Sshd[] = [];
let lo: LoopbackBlock;
let knownHosts: string;

beforeAll(async () => {
  dir = makeTempDir('preflight');
  keys = makeKeys(dir);
  lo = addLoopbackAddresses(3);
  IPS = lo.addresses;
  const osRelease = { '/etc/os-release': UBUNTU_2204 };
  agentHost = await startSshd({ dir: path.join(dir, 'agent'), listen: '127.0.0.1', hostname: 'agent-host', authorizedKeys: keys.authorizedKeys });
  servers = await Promise.all(
    IPS.map((ip, i) =>
      startSshd({
        dir: path.join(dir, `node-${i + 1}`),
        listen: ip,
        hostname: `node-${i + 1}`,
        authorizedKeys: keys.authorizedKeys,
        overlay: i === 2 ? { ...osRelease, '/proc/swaps': 'Filename\tType\tSize\tUsed\tPriority\n/swapfile file 1048572 0 -2\n' } : osRelease,
      }),
    ),
  );
  const bad = servers[2].binDir;
  const script = (name: string, body: string) => writeFileSync(path.join(bad, name), `#!/bin/sh\n# test fake of ${name} for the faulty node\n${body}\n`, { mode: 0o755 });
  script('id', 'echo 1000');
  script('sudo', 'echo "sudo: a password is required" >&2; exit 1');
  script('date', 'echo $(( $(/bin/date +%s) + 3600 )).000000000');
  script('uname', 'echo "uname: garbage out put"');
  knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, [agentHost, ...servers].map((s) => formatEntry(s.host, s.port, s.hostKeyBlob)).join('\n') + '\n');
});

afterAll(() => {
  for (const s of [agentHost, ...servers]) s?.kill();
  lo?.remove();
  removeDir(dir);
});

const nodesOf = (overrides: Partial<TestNode>[] = []): TestNode[] =>
  servers.map((s, i) => ({ hostname: s.hostname, privateIP: s.host, port: s.port, ...overrides[i] }));

async function preflight(yaml: string, direct = false, via = agentHost): Promise<{ report: PreflightReport; file: YamlFile; progress: string[] }> {
  const file = new YamlFile('file:///test/cluster.yaml', yaml);
  const agent = agentFromTarget(`root@127.0.0.1:${via.port}`, { auth: { identityFile: keys.plain, useAgent: false } });
  const progress: string[] = [];
  const report = await preflightCluster({
    agent,
    connection: { auth: {}, hostKeys: new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] }), direct },
    cluster: file.specs[0].value as Record<string, unknown>,
    workspace: [file],
    maxClockSkewSeconds: 2,
    onNode: (_node, { done, total }) => progress.push(`${done}/${total}`),
  });
  return { report, file, progress };
}

const reEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const statuses = (report: PreflightReport, index: number) =>
  Object.fromEntries(report.nodes[index].results.map((r) => [r.check, r.status])) as Partial<Record<CheckId, string>>;

describe('preflight', () => {
  it('passes every check on healthy nodes', async () => {
    const { report, progress } = await preflight(clusterYaml('pf', nodesOf().slice(0, 2)));
    expect(progress).toEqual(['1/2', '2/2']);
    expect(report.nodes.map((n) => n.results.filter((r) => r.status !== 'pass'))).toEqual([[], []]);
    expect(statuses(report, 0)).toEqual({ reachable: 'pass', hostname: 'pass', arch: 'pass', os: 'pass', 'private-ip': 'pass', sudo: 'pass', swap: 'pass', ports: 'pass', clock: 'pass' });
    expect(report.ok).toBe(true);
    expect(report.summary).toMatchObject({ nodes: 2, failed: 0, warnings: 0, unknown: 0 });
  });

  it('reaches the nodes directly when asked (--direct), where the agent host cannot forward', async () => {
    const noForwarding = await startSshd({ dir: path.join(dir, 'agent-nofwd'), listen: '127.0.0.1', hostname: 'agent-nofwd', authorizedKeys: keys.authorizedKeys, extraConfig: ['AllowTcpForwarding no'] });
    writeFileSync(knownHosts, formatEntry(noForwarding.host, noForwarding.port, noForwarding.hostKeyBlob) + '\n', { flag: 'a' });
    try {
      const yaml = clusterYaml('pf', nodesOf().slice(0, 1));
      const through = await preflight(yaml, false, noForwarding);
      expect(through.report.nodes[0].results).toEqual([{ check: 'reachable', status: 'fail', message: expect.stringMatching(new RegExp(`^Cannot reach root@${reEscape(IPS[0])}:\\d+ through root@127\\.0\\.0\\.1:\\d+: `)) }]);
      const direct = await preflight(yaml, true, noForwarding);
      expect(direct.report.ok).toBe(true);
      expect(statuses(direct.report, 0).clock).toBe('pass');
    } finally {
      noForwarding.kill();
    }
  });

  it('reports each spec mismatch on the node field it concerns', async () => {
    const yaml = clusterYaml('pf', nodesOf([{}, { hostname: 'wrong-name', arch: 'arm64', operatingSystem: 'Ubuntu20.04' }]).slice(0, 2));
    const { report, file } = await preflight(yaml.replace(`privateIP: ${IPS[1]}\n`, `privateIP: ${IPS[1]}\n        interface: eth9\n`));
    expect(statuses(report, 1)).toMatchObject({ hostname: 'fail', arch: 'fail', os: 'fail', 'private-ip': 'warn' });
    const messages = report.nodes[1].results.map((r) => r.message);
    expect(messages).toContain('Hostname mismatch: the node is "node-2", the spec says "wrong-name" (the installer refuses a different hostname)');
    expect(messages).toContain('Architecture mismatch: the node is amd64 (uname -m: x86_64), the spec says arm64');
    expect(messages).toContain('Operating system mismatch: the node runs Ubuntu 22.04.4 LTS (Ubuntu22.04), the spec says Ubuntu20.04');
    expect(messages).toContain(`privateIP ${IPS[1]} is on interface lo, the spec says interface eth9`);
    const findings = preflightFindings(report, file, file.specs[0]);
    const hostnameFinding = findings.find((f) => f.code === 'preflight-hostname')!;
    const line = yaml.split('\n').findIndex((l) => l.includes('hostname: wrong-name'));
    expect(hostnameFinding).toMatchObject({ severity: 'error', range: { start: { line, character: 18 } } });
    expect(report.ok).toBe(false);
  });

  it('reports a privateIP that is on no interface', async () => {
    const missing = lo.spare(99);
    const { report } = await preflight(clusterYaml('pf', nodesOf([{ privateIP: missing, sshAddress: IPS[0] }]).slice(0, 1)));
    expect(statuses(report, 0)['private-ip']).toBe('fail');
    const message = report.nodes[0].results.find((r) => r.check === 'private-ip')!.message;
    expect(message).toMatch(new RegExp(`^privateIP ${reEscape(missing)} is on no interface of the node \\(it has .*${reEscape(IPS[0])}`));
  });

  it('reports swap, sudo, clock skew and unreadable output on a faulty node', async () => {
    const { report } = await preflight(clusterYaml('pf', nodesOf().slice(2, 3)));
    expect(statuses(report, 0)).toMatchObject({ reachable: 'pass', hostname: 'pass', swap: 'fail', sudo: 'fail', clock: 'fail', arch: 'unknown' });
    const byCheck = Object.fromEntries(report.nodes[0].results.map((r) => [r.check, r.message]));
    expect(byCheck.swap).toBe('Swap is on (/swapfile); Kubernetes needs it off (swapoff -a and remove it from /etc/fstab)');
    expect(byCheck.sudo).toBe('Passwordless sudo is not available for root (sudo -n true failed); the installer needs it');
    expect(byCheck.clock).toMatch(/^Clock skew of 3\d{3}\.\ds against the agent host \(limit 2s\)/);
    expect(byCheck.arch).toBe('Could not read the machine architecture (uname -m) from the node (got "uname: garbage out put")');
  });

  it('does not count a slow session start (login scripts, a loaded node) as clock skew', async () => {
    // Every session on this node starts 5 s late and greets on stdout without a newline. Timing the whole command
    // would put the node's clock ~2.5 s ahead; the clock is read in one short exchange after start-up instead.
    const slow = await startSshd({
      dir: path.join(dir, 'slow'),
      listen: '127.0.0.1',
      hostname: 'slow-node',
      authorizedKeys: keys.authorizedKeys,
      overlay: { '/etc/os-release': UBUNTU_2204 },
      extraConfig: ['ForceCommand sleep 5; printf "welcome to the node"; eval "$SSH_ORIGINAL_COMMAND"'],
    });
    writeFileSync(knownHosts, formatEntry(slow.host, slow.port, slow.hostKeyBlob) + '\n', { flag: 'a' });
    try {
      const { report } = await preflight(clusterYaml('pf', [{ hostname: 'slow-node', privateIP: '127.0.0.1', port: slow.port }]));
      expect(report.nodes[0].results.filter((r) => r.status !== 'pass')).toEqual([]);
      expect(statuses(report, 0).clock).toBe('pass');
    } finally {
      slow.kill();
    }
  });

  it('warns about busy control-plane ports', async () => {
    const listener = net.createServer().listen(6443, IPS[0]);
    await new Promise((r) => listener.once('listening', r));
    try {
      const { report } = await preflight(clusterYaml('pf', nodesOf([{}, { roles: ['Worker'] }]).slice(0, 2)));
      expect(statuses(report, 0).ports).toBe('warn');
      expect(statuses(report, 1).ports).toBeUndefined();
    } finally {
      listener.close();
    }
  });

  it('reports an unreachable node without stopping the others', async () => {
    // An address of this file's block that is on no interface, and a port nothing listens on (all of 127/8 is
    // local, so a system sshd on 0.0.0.0:22 would otherwise answer for the "down" host).
    const ghost = lo.spare(250);
    const closed = await freePort();
    const { report } = await preflight(clusterYaml('pf', [...nodesOf().slice(0, 1), { hostname: 'ghost', privateIP: ghost, port: closed }]));
    expect(statuses(report, 0).hostname).toBe('pass');
    expect(report.nodes[1].results).toEqual([
      { check: 'reachable', status: 'fail', message: expect.stringMatching(new RegExp(`^Cannot reach root@${reEscape(ghost)}:${closed} through root@127\\.0\\.0\\.1:\\d+: `)) },
    ]);
  });
});
