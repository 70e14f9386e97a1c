// Apply end to end through a real sshd agent host (with the rctl test double on its PATH) to real sshd nodes,
// and the fault matrix. After every fault the agent's spec.yaml is the previous good spec, whole, and no
// secret (passphrase, key material) appears in any event, message or result.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentFromTarget, type AgentConfig } from '../../client/src/agent/agentConfig';
import { applyCluster, type ApplyEvent, type ApplyOptions, type ApplyResult } from '../../client/src/agent/apply';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { formatEntry } from '../../client/src/agent/knownHosts';
import { clusterStatuses } from '../../client/src/agent/status';
import { specHash } from '../../client/src/sync/normalize';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { CREDENTIALS_YAML, clusterYaml } from '../support/cluster';
import { startFleet, type Fleet } from '../support/fleet';
import { expectNoSecrets } from '../support/secrets';
import { isAlive, startSshd, TEST_PASSPHRASE, type Keys, type Sshd } from '../support/sshd';

let dir: string;
let keys: Keys;
let agentHost: Sshd;
let nodes: Sshd[];
let fleet: Fleet | undefined;
let knownHosts: string;
let workdir: string;
let rctlState: string;
const captured: string[] = [];

beforeAll(async () => {
  fleet = await startFleet('apply', 2);
  ({ dir, keys, agentHost, nodes, knownHosts, rctlState } = fleet);
  workdir = path.join(dir, 'agent-work');
});

afterAll(() => {
  try {
    // Before stop(): the scan reads the key files, which stop() removes with the fleet's folder.
    if (keys) expectNoSecrets(captured.join('\n'), keys);
  } finally {
    fleet?.stop();
  }
});

beforeEach(() => {
  rmSync(rctlState, { recursive: true, force: true });
});


const specText = (name: string, comment = '') =>
  `# ${name}${comment}\n` + clusterYaml(name, nodes.map((n, i) => ({ hostname: n.hostname, privateIP: n.host, port: n.port, roles: i === 0 ? ['ControlPlane', 'Worker'] : ['Worker'] })));

const agentConfig = (overrides: Partial<AgentConfig> = {}, server = agentHost): AgentConfig =>
  agentFromTarget(`root@127.0.0.1:${server.port}`, {
    workdir,
    pollIntervalSeconds: 0.2,
    auth: { identityFile: keys.plain, useAgent: false },
    ...overrides,
    timeouts: { connectSeconds: 5, commandSeconds: 10, applySeconds: 20, pollSeconds: 20, ...overrides.timeouts },
  });

async function apply(text: string, options: Partial<ApplyOptions> = {}): Promise<{ result: ApplyResult; events: ApplyEvent[] }> {
  const events: ApplyEvent[] = [];
  const result = await applyCluster({
    file: new YamlFile('file:///repo/clusters/demo.yaml', text + CREDENTIALS_YAML),
    agent: agentConfig(),
    hostKeys: new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] }),
    askPassphrase: async () => TEST_PASSPHRASE,
    preflight: true,
    maxClockSkewSeconds: 2,
    confirmWarnings: async () => false,
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    ...options,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  captured.push(JSON.stringify(result), JSON.stringify(events));
  return { result, events };
}

const remote = (cluster: string, file: string) => path.join(workdir, cluster, file);
const remoteSpec = (cluster: string) => readFileSync(remote(cluster, 'spec.yaml'), 'utf8');
const calls = () => (existsSync(path.join(rctlState, 'calls.log')) ? readFileSync(path.join(rctlState, 'calls.log'), 'utf8') : '');
const setMode = (mode: string) => {
  mkdirSync(rctlState, { recursive: true });
  writeFileSync(path.join(rctlState, 'mode'), mode);
};
const steps = (events: ApplyEvent[]) => events.filter((e) => e.type === 'step-finished').map((e) => (e as { step: string }).step);

/** The spec on the agent is exactly `expected`, and no revision is a partial file. */
function expectWholeSpec(cluster: string, expected: string, candidates: string[]) {
  expect(remoteSpec(cluster)).toBe(expected);
  for (const name of readdirSync(remote(cluster, 'revisions')).filter((n) => !n.includes('.tmp-'))) {
    expect(candidates).toContain(readFileSync(remote(cluster, `revisions/${name}`), 'utf8'));
  }
}

describe('apply', () => {
  it('applies end to end: preflight, lock, upload, rctl apply, poll, record; status then reads in-sync', async () => {
    const text = specText('demo');
    // The encrypted key here: its passphrase must reach no event, message or result.
    const encrypted = agentConfig({ auth: { identityFile: keys.encrypted, useAgent: false } });
    const { result, events } = await apply(text, { agent: encrypted });
    expect(result).toMatchObject({ ok: true, cluster: 'demo', message: `Applied demo through root@127.0.0.1:${agentHost.port} (taskset ts-42)` });
    expect(steps(events)).toEqual(['validate', 'connect', 'preflight', 'lock', 'upload', 'apply', 'poll', 'record']);
    expect(events.some((e) => e.type === 'log' && e.stream === 'stderr' && e.text.includes('Applying '))).toBe(true);
    expect(events.filter((e) => e.type === 'preflight-node')).toHaveLength(2);
    // Only the Cluster document travels: the Credentials document of the same file stays local.
    expect(remoteSpec('demo')).toBe(text);
    const record = JSON.parse(readFileSync(remote('demo', 'applied.json'), 'utf8'));
    expect(record).toMatchObject({ cluster: 'demo', project: 'defaultproject', specHash: specHash(new YamlFile('x', text).specs[0].value), gitCommit: '0123456789abcdef0123456789abcdef01234567', tasksetId: 'ts-42', tasksetStatus: 'PROVISION_TASKSET_STATUS_COMPLETE', user: 'root' });
    expect(readFileSync(record.revision, 'utf8')).toBe(text);
    expect(calls().split('\n').filter(Boolean)).toEqual([`apply -f ${record.revision} --v3`, 'status apply ts-42', 'status apply ts-42']);
    expect(existsSync(remote('demo', '.lock'))).toBe(false);

    const file = new YamlFile('file:///x.yaml', text.replace('# demo', '# only a comment changed'));
    const hostKeys = new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] });
    const viaRecord = await clusterStatuses({ file, agent: agentConfig({ statusCommand: '' }), hostKeys, askPassphrase: async () => TEST_PASSPHRASE });
    expect(viaRecord).toMatchObject([{ cluster: 'demo', state: 'in-sync' }]);
    const changed = new YamlFile('file:///x.yaml', text.replace('podSubnet: 10.244.0.0/16', 'podSubnet: 10.245.0.0/16'));
    const [drifted] = await clusterStatuses({ file: changed, agent: agentConfig({ statusCommand: '' }), hostKeys, askPassphrase: async () => TEST_PASSPHRASE });
    expect(drifted).toMatchObject({ state: 'drifted', message: expect.stringMatching(/^The file differs from the spec applied .*: 1 change$/) });
    expect(drifted.changes.map((c) => c.label)).toEqual(['Network podSubnet 10.244.0.0/16 → 10.245.0.0/16']);

    // Without spec.yaml on the agent host the record's hash (of the canonical form) still tells same from different.
    rmSync(remote('demo', 'spec.yaml'));
    const byHash = (f: YamlFile) => clusterStatuses({ file: f, agent: agentConfig({ statusCommand: '' }), hostKeys, askPassphrase: async () => TEST_PASSPHRASE });
    expect(await byHash(file)).toMatchObject([{ state: 'in-sync', changes: [] }]);
    expect(await byHash(changed)).toMatchObject([{ state: 'drifted', message: expect.stringContaining('compared by hash'), changes: [] }]);
  });

  it('reads status from the status command: not-applied, in-sync (server defaults ignored), drifted, unreachable', async () => {
    const text = specText('statuscheck');
    const hostKeys = new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] });
    const status = (t: string, agent = agentConfig()) => clusterStatuses({ file: new YamlFile('file:///s.yaml', t), agent, hostKeys, askPassphrase: async () => TEST_PASSPHRASE });
    expect(await status(text)).toMatchObject([{ cluster: 'statuscheck', state: 'not-applied' }]);
    const controllerCopy = text.replace('# statuscheck\n', '').replace('    kubernetesVersion', '    installerTtl: 365\n    kubernetesVersion').replace(/"(\d+)"/g, '$1') + 'status:\n  commonStatus: {conditionStatus: StatusOK}\n';
    mkdirSync(rctlState, { recursive: true });
    writeFileSync(path.join(rctlState, 'cluster.yaml'), controllerCopy);
    expect(await status(text)).toMatchObject([{ state: 'in-sync', changes: [] }]);
    const [drifted] = await status(text.replace('arch: amd64', 'arch: arm64'));
    expect(drifted).toMatchObject({ state: 'drifted', message: 'The file differs from the system: 1 change' });
    expect(drifted.changes).toEqual([expect.objectContaining({ kind: 'changed', category: 'node', node: 'node-1', label: 'node-1: arch amd64 → arm64', before: 'amd64', after: 'arm64' })]);
    expect(calls()).toContain('get cluster statuscheck -p defaultproject -o yaml --v3');
    const down = await status(text, agentConfig({ port: 1 }));
    expect(down).toMatchObject([{ state: 'unreachable', message: 'Cannot connect to root@127.0.0.1:1: ECONNREFUSED' }]);
  });

  it('blocks on engine errors before connecting anywhere', async () => {
    const { result } = await apply(specText('broken').replace('podSubnet: 10.244.0.0/16', 'podSubnet: 10.244.0.0/99'));
    expect(result).toMatchObject({ ok: false, step: 'validate' });
    expect(result.message).toMatch(/^validate failed: 1 error\(s\) in the spec block the apply; first: line \d+: /);
    expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(calls()).toBe('');
  });

  it('asks to confirm warnings and stops when they are not confirmed; goes on when they are', async () => {
    const text = specText('warned').replace(/Ubuntu22\.04/g, 'Ubuntu21.04');
    const seen: string[] = [];
    const refused = await apply(text, { preflight: false, confirmWarnings: async (w) => (seen.push(...w.map((f) => f.code)), false) });
    expect(refused.result).toMatchObject({ ok: false, step: 'validate', message: 'validate failed: Not applied: 2 warning(s) were not confirmed' });
    expect(seen).toEqual(['operating-system', 'operating-system']);
    const accepted = await apply(text, { preflight: false, confirmWarnings: async () => true });
    expect(accepted.result.ok).toBe(true);
  });

  it('stops at a failing preflight and maps it to the node lines', async () => {
    const text = specText('pfail').replace('hostname: node-2', 'hostname: node-two');
    const { result } = await apply(text);
    expect(result).toMatchObject({ ok: false, step: 'preflight' });
    expect(result.message).toContain('Preflight failed on node-two');
    const finding = result.findings.find((f) => f.code === 'preflight-hostname')!;
    expect(text.split('\n')[finding.range.start.line]).toContain('hostname: node-two');
    expect(existsSync(remote('pfail', 'spec.yaml'))).toBe(false);
  });

  it('takes a legacy JSON answer and output without JSON', async () => {
    setMode('legacy');
    expect((await apply(specText('legacy'), { preflight: false })).result).toMatchObject({ ok: true, taskset: { tasksetId: 'ts-legacy', phase: 'complete' } });
    setMode('garbage');
    const { result, events } = await apply(specText('garbage'), { preflight: false });
    expect(result.ok).toBe(true);
    expect(events).toContainEqual({ type: 'log', step: 'apply', stream: 'info', text: 'The apply command printed no taskset JSON; taking its exit status as the result.\n' });
  });
});

describe('apply faults', () => {
  const OLD = () => specText('faulty');
  const NEW = () => specText('faulty', ' (new revision)').replace('podSubnet: 10.244.0.0/16', 'podSubnet: 10.240.0.0/16');

  beforeEach(async () => {
    // Every fault starts from a good applied spec.
    rmSync(path.join(workdir, 'faulty'), { recursive: true, force: true });
    expect((await apply(OLD(), { preflight: false })).result.ok).toBe(true);
    rmSync(rctlState, { recursive: true, force: true });
  });

  it('apply command fails: says which step, host and why; the old spec stays', async () => {
    setMode('fail');
    const { result } = await apply(NEW(), { preflight: false });
    expect(result).toMatchObject({ ok: false, step: 'apply', host: `root@127.0.0.1:${agentHost.port}` });
    expect(result.message).toBe(`apply failed on root@127.0.0.1:${agentHost.port}: The apply command failed (exit 1): Error: cluster spec rejected: nodes[0].hostname is already in use`);
    expectWholeSpec('faulty', OLD(), [OLD(), NEW()]);
    expect(JSON.parse(readFileSync(remote('faulty', 'applied.json'), 'utf8')).specHash).toBe(specHash(new YamlFile('x', OLD()).specs[0].value));
  });

  it('taskset fails while polling: the old spec stays', async () => {
    setMode('taskset-fail');
    const { result } = await apply(NEW(), { preflight: false });
    expect(result).toMatchObject({ ok: false, step: 'poll', message: expect.stringContaining('Taskset ts-42 failed (PROVISION_TASKSET_STATUS_FAILED)') });
    expectWholeSpec('faulty', OLD(), [OLD(), NEW()]);
  });

  it('apply command times out: the remote command is stopped, the old spec stays', async () => {
    setMode('hang');
    const { result } = await apply(NEW(), { preflight: false, agent: agentConfig({ timeouts: { applySeconds: 2 } as AgentConfig['timeouts'] }) });
    expect(result).toMatchObject({ ok: false, step: 'apply', message: expect.stringContaining('Command timed out after 2s') });
    expect(isAlive(Number(readFileSync(path.join(rctlState, 'pid'), 'utf8')))).toBe(false);
    expect(isAlive(Number(readFileSync(path.join(rctlState, 'child-pid'), 'utf8')))).toBe(false);
    expectWholeSpec('faulty', OLD(), [OLD(), NEW()]);
  });

  it('cancel stops the remote command and releases the lock; two concurrent applies: the second is refused', async () => {
    setMode('hang');
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = apply(NEW(), {
      preflight: false,
      signal: controller.signal,
      onEvent: (e) => e.type === 'log' && e.text.includes('Applying') && started(),
    });
    await running;
    const second = await apply(NEW(), { preflight: false });
    expect(second.result).toMatchObject({ ok: false, step: 'lock' });
    expect(second.result.message).toMatch(/^lock failed on root@127\.0\.0\.1:\d+: Another apply of this cluster is running: locked by root@\S+ \(pid \d+, since \S+\) on root@127\.0\.0\.1:\d+/);
    controller.abort();
    const cancelled = (await first).result;
    expect(cancelled).toMatchObject({ ok: false, step: 'apply', message: expect.stringContaining('Cancelled; the remote command') });
    expect(isAlive(Number(readFileSync(path.join(rctlState, 'pid'), 'utf8')))).toBe(false);
    expect(isAlive(Number(readFileSync(path.join(rctlState, 'child-pid'), 'utf8')))).toBe(false);
    expect(existsSync(remote('faulty', '.lock'))).toBe(false);
    expectWholeSpec('faulty', OLD(), [OLD(), NEW()]);
  });

  it('sshd killed mid-upload: the apply fails at a named step and the old spec stays whole', async () => {
    const doomed = await startSshd({ dir: path.join(dir, 'doomed'), listen: '127.0.0.1', hostname: 'agent-host', authorizedKeys: keys.authorizedKeys, hostKey: agentHost.hostKey });
    copyFileSync(path.join(agentHost.binDir, 'rctl'), path.join(doomed.binDir, 'rctl'));
    writeFileSync(knownHosts, formatEntry(doomed.host, doomed.port, doomed.hostKeyBlob) + '\n', { flag: 'a' });
    // A big spec (comments) so the upload is still going when the server dies.
    const big = NEW() + '#' + 'x'.repeat(120) + '\n'.repeat(1) + ('# padding ' + 'y'.repeat(100) + '\n').repeat(40_000);
    // Kill the server once the temporary upload file exists and has data in it: truly mid-upload.
    const revisions = remote('faulty', 'revisions');
    let partial = 0;
    const watcher = setInterval(() => {
      const tmp = readdirSync(revisions).find((n) => n.includes('.tmp-'));
      const size = tmp ? statSync(path.join(revisions, tmp)).size : 0;
      if (size > 0 && size < Buffer.byteLength(big)) {
        partial = size;
        clearInterval(watcher);
        doomed.kill();
      }
    }, 2);
    const { result } = await apply(big, { preflight: false, agent: agentConfig({}, doomed) });
    clearInterval(watcher);
    expect(partial).toBeGreaterThan(0);
    expect(result).toMatchObject({ ok: false, step: 'upload' });
    expect(result.message).toMatch(new RegExp(`^upload failed on root@127\\.0\\.0\\.1:${doomed.port}: `));
    expectWholeSpec('faulty', OLD(), [OLD(), big]);
    // The dead connection left its lock directory behind, but its holder process died with it: the next
    // apply sees the lock is stale, breaks it and goes on.
    expect(existsSync(remote('faulty', '.lock'))).toBe(true);
    const next = await apply(NEW(), { preflight: false });
    expect(next.result.ok).toBe(true);
    expect(next.events).toContainEqual({ type: 'step-finished', step: 'lock', message: expect.stringMatching(/^locked \(broke a stale lock of root@\S+ from \S+\)$/) });
    expectWholeSpec('faulty', NEW(), [OLD(), NEW(), big]);
  });

  it('host down, auth refused, changed host key: each fails at connect with its reason', async () => {
    const down = await apply(NEW(), { preflight: false, agent: agentConfig({ port: 1 }) });
    expect(down.result).toMatchObject({ ok: false, step: 'connect', message: 'connect failed on root@127.0.0.1:1: Cannot connect to root@127.0.0.1:1: ECONNREFUSED' });
    const refused = await apply(NEW(), { preflight: false, agent: agentConfig({ auth: { identityFile: keys.stranger, useAgent: false } }) });
    expect(refused.result).toMatchObject({ ok: false, step: 'connect', host: `root@127.0.0.1:${agentHost.port}`, message: expect.stringContaining('Authentication refused by root@127.0.0.1') });
    const otherKeys = path.join(dir, 'changed_known_hosts');
    writeFileSync(otherKeys, formatEntry('127.0.0.1', agentHost.port, nodes[0].hostKeyBlob) + '\n');
    const changed = await apply(NEW(), { preflight: false, hostKeys: new HostKeyPolicy({ trustStoreFile: otherKeys, userKnownHostsFiles: [] }) });
    expect(changed.result).toMatchObject({ ok: false, step: 'connect', message: expect.stringContaining('HOST KEY CHANGED') });
    expectWholeSpec('faulty', OLD(), [OLD(), NEW()]);
  });
});
