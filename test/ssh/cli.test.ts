// `mks-gitops preflight|apply|status` as a user runs them: the built bundle (dist/cli.js, from `npm run build`) as a child
// process, against a real sshd agent host with the rctl test double and real sshd nodes.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, formatEntry } from '../../client/src/agent/knownHosts';
import { builtCli } from '../cli/runCli';
import { clusterYaml } from '../support/cluster';
import { startFleet, type Fleet } from '../support/fleet';
import { expectNoSecrets } from '../support/secrets';
import { TEST_PASSPHRASE, type Keys, type Sshd } from '../support/sshd';

let dir: string;
let keys: Keys;
let agentHost: Sshd;
let nodes: Sshd[];
let fleet: Fleet | undefined;
let knownHosts: string;
let repo: string;
let specFile: string;
const captured: string[] = [];

beforeAll(async () => {
  fleet = await startFleet('cli', 2);
  ({ dir, keys, agentHost, nodes, knownHosts } = fleet);
  // The spec lives in a Git repository, so the apply records its commit.
  repo = path.join(dir, 'repo');
  mkdirSync(repo);
  specFile = path.join(repo, 'demo.yaml');
  writeFileSync(specFile, clusterYaml('demo', nodes.map((n, i) => ({ hostname: n.hostname, privateIP: n.host, port: n.port, roles: i === 0 ? ['ControlPlane', 'Worker'] : ['Worker'] }))));
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
  git('init', '-q');
  git('add', 'demo.yaml');
  git('commit', '-q', '-m', 'spec');
}, 120_000);

afterAll(() => {
  try {
    // Before stop(): the scan reads the key files, which stop() removes with the fleet's folder.
    if (keys) expectNoSecrets(captured.join('\n'), keys);
  } finally {
    fleet?.stop();
  }
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { cwd: repo, env: { ...process.env, SSH_AUTH_SOCK: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => {
      captured.push(stdout, stderr);
      resolve({ status, stdout, stderr });
    });
  });
}

const agent = () => ['--agent', `root@127.0.0.1:${agentHost.port}`, '--known-hosts', knownHosts];
const plain = () => [...agent(), '--identity', keys.plain];
const encrypted = () => [...agent(), '--identity', keys.encrypted];
const workdir = () => path.join(dir, 'work');
const fastPoll = ['--poll-interval', '0.2'];

describe('mks-gitops preflight', () => {
  it('checks every node through the agent host: exit 0', async () => {
    const r = await run(['preflight', 'demo.yaml', ...plain()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`  node-1 (root@${nodes[0].host}:${nodes[0].port})\n    ✓ reachable: reached root@${nodes[0].host}:${nodes[0].port}\n    ✓ hostname: hostname is node-1\n`);
    expect(r.stdout).toMatch(/Preflight: 2 node\(s\), 0 with failures; \d+ checks passed, 0 failed, 0 warnings, 0 unknown\n$/);
    expect(r.status).toBe(0);
  });

  it('reports a mismatch as a finding on the node line: exit 1', async () => {
    const wrong = readFileSync(specFile, 'utf8').replace('hostname: node-2', 'hostname: node-9');
    writeFileSync(path.join(repo, 'wrong.yaml'), wrong);
    const r = await run(['preflight', 'wrong.yaml', ...plain(), '--format', 'json']);
    const out = JSON.parse(r.stdout);
    const line = wrong.split('\n').findIndex((l) => l.includes('hostname: node-9'));
    expect(out.clusters[0].findings).toEqual([expect.objectContaining({ code: 'preflight-hostname', severity: 'error', range: expect.objectContaining({ start: { line, character: 18 } }) })]);
    expect(r.status).toBe(1);
  });
});

describe('mks-gitops apply and status', () => {
  it('applies with an encrypted key whose passphrase comes from the environment; status then reads in-sync', async () => {
    const r = await run(['apply', 'demo.yaml', ...encrypted(), '--workdir', workdir(), ...fastPoll], { MKS_GITOPS_PASSPHRASE: TEST_PASSPHRASE });
    expect(r.stdout).toContain('==> Validating demo\n');
    expect(r.stdout).toContain('  | Applying ');
    expect(r.stdout).toContain(`✓ Applied demo through root@127.0.0.1:${agentHost.port} (taskset ts-42)\n`);
    expect(r.status).toBe(0);
    const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(JSON.parse(readFileSync(path.join(workdir(), 'demo', 'applied.json'), 'utf8')).gitCommit).toBe(head);

    const inSync = await run(['status', 'demo.yaml', ...plain(), '--workdir', workdir(), '--status-command', '']);
    expect(inSync.stdout).toMatch(/^demo: in-sync - Matches the spec applied \S+ by root from commit [0-9a-f]{12}\n$/);
    expect(inSync.status).toBe(0);
    // Drift is listed change by change, in the words of the VS Code tree.
    writeFileSync(path.join(repo, 'upgraded.yaml'), readFileSync(specFile, 'utf8').replace('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1'));
    const drifted = await run(['status', 'upgraded.yaml', ...plain(), '--workdir', workdir(), '--status-command', '']);
    expect(drifted.stdout).toMatch(/^demo: drifted - The file differs from the spec applied \S+ by root from commit [0-9a-f]{12}: 1 change\n  Kubernetes version v1\.33\.2 → v1\.34\.1 \(upgrade\)\n$/);
    expect(drifted.status).toBe(1);
    const viaController = await run(['status', 'demo.yaml', ...plain(), '--format', 'json']);
    expect(JSON.parse(viaController.stdout).clusters[0]).toMatchObject({ cluster: 'demo', state: 'not-applied' });
    expect(viaController.status).toBe(1);
  });

  it('refuses warnings without a terminal unless --yes', async () => {
    writeFileSync(path.join(repo, 'warned.yaml'), readFileSync(specFile, 'utf8').replace('name: demo', 'name: warned').replace(/Ubuntu22\.04/g, 'Ubuntu21.04'));
    const refused = await run(['apply', 'warned.yaml', ...plain(), '--workdir', workdir(), '--no-preflight']);
    expect(refused.stdout).toContain('warning operating-system: node-1: operatingSystem Ubuntu21.04 is not a known value.');
    expect(refused.stdout).toContain('Warnings need confirmation: answer on a terminal or pass --yes.\n');
    expect(refused.stdout).toContain('✗ validate failed: Not applied: 2 warning(s) were not confirmed\n');
    expect(refused.status).toBe(1);
    const accepted = await run(['apply', 'warned.yaml', ...plain(), '--workdir', workdir(), '--no-preflight', '--yes', ...fastPoll]);
    expect(accepted.status).toBe(0);
  });

  it('refuses an unknown host key with its fingerprint; --accept-new trusts and remembers it', async () => {
    const store = path.join(dir, 'fresh_known_hosts');
    const args = ['status', 'demo.yaml', '--agent', `root@127.0.0.1:${agentHost.port}`, '--identity', keys.plain, '--known-hosts', store, '--workdir', workdir(), '--status-command', ''];
    const refused = await run(args);
    expect(refused.stdout).toContain(`demo: unreachable - Unknown host key for 127.0.0.1:${agentHost.port} (${fingerprint(agentHost.hostKeyBlob)}); not trusted.`);
    expect(refused.status).toBe(1);
    expect((await run([...args, '--accept-new'])).status).toBe(0);
    expect(readFileSync(store, 'utf8')).toBe(formatEntry('127.0.0.1', agentHost.port, agentHost.hostKeyBlob) + '\n');
    expect((await run(args)).status).toBe(0);
  });

  it('exit 2 for bad usage and unreadable input', async () => {
    expect((await run(['apply', 'demo.yaml', '--agent', 'no-at-sign'])).stderr).toContain('--agent: "no-at-sign" is not USER@HOST[:PORT]');
    expect((await run(['apply', 'demo.yaml'])).status).toBe(2);
    const missing = await run(['status', 'missing.yaml', ...plain()]);
    expect(missing).toMatchObject({ status: 2, stderr: 'mks-gitops status: cannot read missing.yaml: ENOENT\n' });
  });
});
