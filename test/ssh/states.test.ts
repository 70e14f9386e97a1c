// States that say what happened, against a real sshd agent host (rctl test double on its PATH) and real sshd
// nodes: cancel during the preflight and during a remote command, authentication failures vs an unreachable
// host vs a key that needs its passphrase, a status command that is not installed (exit 127), and secrets
// (spaced, multi-line, split across chunks) masked in streamed output and in logged command lines.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentFromTarget, type AgentConfig } from '../../client/src/agent/agentConfig';
import { applyCluster, type ApplyEvent, type ApplyOptions } from '../../client/src/agent/apply';
import { prepareAuth } from '../../client/src/agent/auth';
import { connect } from '../../client/src/agent/connect';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { nodeTargets } from '../../client/src/agent/nodes';
import { ConnectionPool } from '../../client/src/agent/pool';
import { preflightFindings, runPreflight, summaryText } from '../../client/src/agent/preflight';
import { redactor, REDACTED } from '../../client/src/agent/redact';
import { exec } from '../../client/src/agent/remote';
import { clusterStatuses } from '../../client/src/agent/status';
import { readSystemState } from '../../client/src/agent/systemReader';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { CREDENTIALS_YAML, clusterYaml } from '../support/cluster';
import { startFleet, type Fleet } from '../support/fleet';
import { expectNoSecrets } from '../support/secrets';
import { isAlive, makeTempDir, removeDir, startSshAgent, TEST_PASSPHRASE, type Keys, type Sshd } from '../support/sshd';

let fleet: Fleet | undefined;
let dir: string;
let keys: Keys;
let agentHost: Sshd;
let nodes: Sshd[];
let knownHosts: string;
let workdir: string;
let rctlState: string;
const captured: string[] = [];

beforeAll(async () => {
  fleet = await startFleet('states', 2);
  ({ dir, keys, agentHost, nodes, knownHosts, rctlState } = fleet);
  workdir = path.join(dir, 'agent-work');
});

afterAll(() => {
  try {
    if (keys) expectNoSecrets(captured.join('\n'), keys);
  } finally {
    fleet?.stop();
  }
});

beforeEach(() => {
  rmSync(rctlState, { recursive: true, force: true });
  for (const n of nodes) rmSync(path.join(n.binDir, 'uname'), { force: true });
});

const hostKeys = () => new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] });
const agentConfig = (overrides: Partial<AgentConfig> = {}): AgentConfig =>
  agentFromTarget(`root@127.0.0.1:${agentHost.port}`, {
    workdir,
    pollIntervalSeconds: 0.2,
    auth: { identityFile: keys.plain, useAgent: false },
    ...overrides,
    timeouts: { connectSeconds: 5, commandSeconds: 20, applySeconds: 20, pollSeconds: 20, ...overrides.timeouts },
  });
const specText = (name: string) =>
  clusterYaml(name, nodes.map((n, i) => ({ hostname: n.hostname, privateIP: n.host, port: n.port, roles: i === 0 ? ['ControlPlane', 'Worker'] : ['Worker'] })));

/** Waits for a state (a file the remote side writes, a process gone), polling; fails after a generous deadline. */
async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Makes `uname` on a node hang (it is part of the preflight's one command), writing its PID first. */
function hangUname(node: Sshd): string {
  const pidFile = path.join(node.dir, 'uname.pid');
  rmSync(pidFile, { force: true });
  writeFileSync(path.join(node.binDir, 'uname'), `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 300\n`, { mode: 0o755 });
  return pidFile;
}

async function apply(text: string, options: Partial<ApplyOptions> = {}) {
  const events: ApplyEvent[] = [];
  const result = await applyCluster({
    file: new YamlFile('file:///repo/clusters/demo.yaml', text + CREDENTIALS_YAML),
    agent: agentConfig(),
    hostKeys: hostKeys(),
    preflight: true,
    maxClockSkewSeconds: 2,
    confirmWarnings: async () => true,
    confirmPlan: async () => true,
    ...options,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  captured.push(JSON.stringify(result), JSON.stringify(events));
  return { result, events };
}

describe('cancel is cancel', () => {
  it('a cancel during the preflight ends as "cancelled", with no finding, no result kept and nothing changed on the agent host', async () => {
    const pidFile = hangUname(nodes[1]);
    const abort = new AbortController();
    let firstNodeDone = false;
    const running = apply(specText('cancelpf'), {
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'preflight-node') firstNodeDone = true;
      },
    });
    await until('node-1 checked and node-2 hanging in its checks', () => firstNodeDone && existsSync(pidFile));
    abort.abort();
    const { result, events } = await running;
    expect(result).toMatchObject({ ok: false, cancelled: true, step: 'preflight', message: 'Apply of cancelpf cancelled during preflight: nothing was changed on the agent host' });
    expect(result.preflight).toBeUndefined();
    expect(result.findings.filter((f) => f.code.startsWith('preflight-'))).toEqual([]);
    expect(events.filter((e) => e.type === 'step-finished').map((e) => (e as { step: string }).step)).toEqual(['validate', 'connect']);
    expect(existsSync(path.join(workdir, 'cancelpf'))).toBe(false);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await until('the hanging check on node-2 to be stopped', () => !isAlive(pid));
  });

  it('the preflight alone: a cancelled run says so and yields no finding', async () => {
    const pidFile = hangUname(nodes[1]);
    const text = specText('cancelrun');
    const file = new YamlFile('file:///repo/c.yaml', text + CREDENTIALS_YAML);
    const spec = file.documents[0].value as Record<string, unknown>;
    const agent = agentConfig();
    const pool = new ConnectionPool({ agent, auth: {}, hostKeys: hostKeys() });
    const abort = new AbortController();
    let done = 0;
    try {
      const running = runPreflight({ pool, targets: nodeTargets(spec, undefined, agent), parallelism: 4, commandTimeoutMs: 20_000, maxClockSkewSeconds: 2, signal: abort.signal, onNode: () => done++ });
      await until('node-1 checked and node-2 hanging', () => done === 1 && existsSync(pidFile));
      abort.abort();
      const report = await running;
      expect(report).toMatchObject({ ok: false, cancelled: true, planned: 2 });
      expect(report.nodes.map((n) => n.hostname)).toEqual(['node-1']);
      expect(summaryText(report)).toBe('Preflight cancelled: 1 of 2 node(s) checked before the cancel; no result is kept');
      expect(preflightFindings(report, file, file.documents[0])).toEqual([]);
    } finally {
      pool.closeAll();
    }
  });

  it('a cancelled status read is "cancelled" and its remote command is stopped', async () => {
    const pidFile = path.join(dir, 'status.pid');
    const agent = agentConfig({ statusCommand: `echo $$ > '${pidFile}'; exec sleep 300` });
    const pool = new ConnectionPool({ agent, auth: {}, hostKeys: hostKeys() });
    const abort = new AbortController();
    try {
      const reading = readSystemState({ pool, agent, cluster: { name: 'demo', project: 'p' }, signal: abort.signal });
      await until('the status command to run', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
      abort.abort();
      expect(await reading).toEqual({ kind: 'cancelled', source: agent.name });
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await until('the status command to be stopped', () => !isAlive(pid));
    } finally {
      pool.closeAll();
    }
  });
});

describe('authentication failures are their own state', () => {
  const read = async (agent: AgentConfig, auth: ConstructorParameters<typeof ConnectionPool>[0]['auth'] = {}) => {
    const pool = new ConnectionPool({ agent, auth, hostKeys: hostKeys() });
    try {
      const state = await readSystemState({ pool, agent, cluster: { name: 'demo', project: 'defaultproject' } });
      captured.push(JSON.stringify(state));
      return state;
    } finally {
      pool.closeAll();
    }
  };
  const label = () => `root@127.0.0.1:${agentHost.port}`;

  it('a refused key is "auth failed" with the reason; a closed port is "unreachable"', async () => {
    expect(await read(agentConfig({ auth: { identityFile: keys.stranger, useAgent: false } }))).toEqual({
      kind: 'auth-failed',
      source: label(),
      reason: `Authentication refused by ${label()} (tried key ${keys.stranger})`,
    });
    expect(await read(agentConfig({ port: 1 }))).toEqual({ kind: 'unreachable', source: label(), reason: 'Cannot connect to root@127.0.0.1:1: ECONNREFUSED' });
  });

  it('a wrong passphrase and an empty ssh-agent are "auth failed"; an encrypted key nobody may ask for is "needs passphrase"', async () => {
    const encrypted = agentConfig({ auth: { identityFile: keys.encrypted, useAgent: false } });
    const wrong = await read(encrypted, { askPassphrase: async () => 'not the passphrase' });
    expect(wrong).toEqual({ kind: 'auth-failed', source: label(), reason: `Private key ${keys.encrypted} is encrypted and the passphrase given was wrong (2 tries)` });
    expect(await read(encrypted)).toEqual({ kind: 'needs-passphrase', source: label(), keyFile: keys.encrypted, reason: `Private key ${keys.encrypted} needs its passphrase (no passphrase is stored)` });

    const home = makeTempDir('states-home');
    const emptyAgent = startSshAgent(home, []);
    const savedHome = process.env.HOME;
    process.env.HOME = home; // no default keys in ~/.ssh: the empty ssh-agent is all there is
    try {
      const viaAgent = agentConfig({ auth: { useAgent: true } });
      expect(await read(viaAgent, { agentSocket: emptyAgent.socket })).toEqual({ kind: 'auth-failed', source: label(), reason: `No way to authenticate to ${label()}: ssh-agent holds no keys` });
    } finally {
      process.env.HOME = savedHome;
      emptyAgent.stop();
      removeDir(home);
    }
  });

  it('the CLI status reports the same states through the same reader', async () => {
    const file = new YamlFile('file:///s.yaml', specText('demo'));
    const [refused] = await clusterStatuses({ file, agent: agentConfig({ auth: { identityFile: keys.stranger, useAgent: false } }), hostKeys: hostKeys() });
    expect(refused).toMatchObject({ state: 'auth-failed', system: { kind: 'auth-failed' }, message: `Authentication to the agent failed (${label()}): Authentication refused by ${label()} (tried key ${keys.stranger})` });
    const [locked] = await clusterStatuses({ file, agent: agentConfig({ auth: { identityFile: keys.encrypted, useAgent: false } }), hostKeys: hostKeys() });
    expect(locked).toMatchObject({ state: 'needs-passphrase', system: { kind: 'needs-passphrase', keyFile: keys.encrypted } });
    captured.push(JSON.stringify([refused, locked]));
  });
});

describe('a command that is not installed (exit 127)', () => {
  it('the status command: "not found" naming the command, never "the controller does not know the cluster"', async () => {
    const agent = agentConfig({ statusCommand: 'rctl-not-installed get cluster {name} -p {project} -o yaml --v3' });
    const [report] = await clusterStatuses({ file: new YamlFile('file:///s.yaml', specText('demo')), agent, hostKeys: hostKeys() });
    expect(report.system).toMatchObject({
      kind: 'command-missing',
      command: 'rctl-not-installed',
      reason: expect.stringMatching(/^The status command "rctl-not-installed" was not found on root@127\.0\.0\.1:\d+ \(exit 127\): .*rctl-not-installed: .*not found$/),
    });
    expect(report.state).toBe('status-unavailable');
    expect(report.message).not.toMatch(/does not know|no such cluster/);
  });

  it('the apply command: the apply fails naming the command', async () => {
    const { result } = await apply(specText('noapply'), { preflight: false, agent: agentConfig({ applyCommand: 'RCTL_PROJECT=x rctl-not-installed apply -f {file}' }) });
    expect(result).toMatchObject({ ok: false, step: 'apply' });
    expect(result.message).toMatch(/^apply failed on root@127\.0\.0\.1:\d+: The apply command "rctl-not-installed" was not found on root@127\.0\.0\.1:\d+ \(exit 127\): /);
  });
});

describe('no secret in any log', () => {
  it('a command line is logged with sensitive argument values masked, spaced ones whole', async () => {
    const command = `RCTL_API_KEY='api key with spaces 77' rctl apply -f {file} --v3 --password "pass word with spaces 88"`;
    const { result, events } = await apply(specText('masked'), { preflight: false, agent: agentConfig({ applyCommand: command }) });
    expect(result.ok).toBe(true);
    const running = events.find((e) => e.type === 'step-started' && e.step === 'apply') as { message: string };
    expect(running.message).toMatch(new RegExp(`^Running RCTL_API_KEY=\\[redacted\\] rctl apply -f '.*\\.yaml' --v3 --password \\[redacted\\]$`));
    const all = JSON.stringify(events) + JSON.stringify(result);
    for (const piece of ['api key', 'spaces 77', 'pass word', 'spaces 88']) expect(all).not.toContain(piece);
    // The double saw the real values: the masking is in what we show, not in what runs.
    expect(readFileSync(path.join(rctlState, 'calls.log'), 'utf8')).toContain('--password pass word with spaces 88');
  });

  it('a known passphrase and a multi-line secret are masked whole in streamed output, even split across chunks', async () => {
    // Registered as soon as it is read: log in with the encrypted key, whose passphrase has spaces.
    const prepared = await prepareAuth({ identityFile: keys.encrypted, useAgent: false, askPassphrase: async () => TEST_PASSPHRASE });
    const multi = 'multi first line\nmulti second line';
    redactor.add(multi);
    const conn = await connect({ target: { host: agentHost.host, port: agentHost.port, username: 'root' }, auth: prepared, hostKeys: hostKeys(), readyTimeoutMs: 5000, keepaliveIntervalMs: 5000 });
    const [head, tail] = [TEST_PASSPHRASE.slice(0, 9), TEST_PASSPHRASE.slice(9)];
    const [line1, line2] = multi.split('\n');
    // Each `read` waits for our answer, which we give when the stderr mark arrives: the chunk boundary is inside the secret.
    const script = [
      `printf 'before ${head}'`,
      'echo mark1 >&2; read -r go',
      `printf '${tail} after\\n${line1}\\n'`,
      'echo mark2 >&2; read -r go',
      `printf '${line2}\\ndone\\n'`,
    ].join('; ');
    const shown: string[] = [];
    let write: (text: string) => void = () => undefined;
    try {
      const result = await exec(conn, script, {
        timeoutMs: 20_000,
        onStart: (w) => (write = w),
        onStdout: (text) => shown.push(text),
        onStderr: (text) => {
          (text.match(/mark\d\n/g) ?? []).forEach(() => write('\n'));
        },
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(TEST_PASSPHRASE); // the raw output, for parsing, is whole
    } finally {
      conn.close();
    }
    expect(shown.join('')).toBe(`before ${REDACTED} after\n${REDACTED}\ndone\n`);
    for (const piece of shown) expect(piece).not.toMatch(/correct|horse|staple|multi/);
    captured.push(shown.join(''));
  });
});
