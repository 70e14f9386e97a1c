// The change plan against a real sshd agent host. The system's copy is a stand-in: the rctl test double
// (test/support/rctl-double.sh) prints rctl-state/cluster.yaml for `rctl get cluster`, and stands in for
// `rctl apply --dry-run`. The plan, the apply that asks it, and `mks-gitops plan` as a user runs it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentFromTarget, type AgentConfig } from '../../client/src/agent/agentConfig';
import { applyCluster, type ApplyOptions } from '../../client/src/agent/apply';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { planOnHost, type ApplyPlan } from '../../client/src/agent/plan';
import { ConnectionPool } from '../../client/src/agent/pool';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { builtCli } from '../cli/runCli';
import { CREDENTIALS_YAML, clusterYaml } from '../support/cluster';
import { startFleet, type Fleet } from '../support/fleet';

let fleet: Fleet;
let workdir: string;

beforeAll(async () => {
  fleet = await startFleet('plan');
  workdir = path.join(fleet.dir, 'agent-work');
}, 120_000);

afterAll(() => fleet?.stop());

beforeEach(() => rmSync(fleet.rctlState, { recursive: true, force: true }));

/** Three control-plane nodes and a worker (loopback addresses, never contacted: no preflight here). */
const NODES = [
  { hostname: 'cp-1', privateIP: '127.0.9.11', port: 22, roles: ['ControlPlane'] },
  { hostname: 'cp-2', privateIP: '127.0.9.12', port: 22, roles: ['ControlPlane'] },
  { hostname: 'cp-3', privateIP: '127.0.9.13', port: 22, roles: ['ControlPlane'] },
  { hostname: 'wk-1', privateIP: '127.0.9.21', port: 22, roles: ['Worker'] },
];
const running = clusterYaml('demo', NODES).replace('    kubernetesVersion:', '    highAvailability: true\n    dedicatedControlPlane: true\n    kubernetesVersion:');
const edited = (from: string, to: string) => {
  if (!running.includes(from)) throw new Error(`fixture lacks ${from}`);
  return running.replace(from, to);
};
const withoutNode = (host: string) => running.replace(new RegExp(`      - hostname: ${host}\\n(        .*\\n)+?(?=      - |\\n|$)`), '');

const rctl = (file: string, text: string) => {
  mkdirSync(fleet.rctlState, { recursive: true });
  writeFileSync(path.join(fleet.rctlState, file), text);
};
/** The controller (the double) runs `running`. */
const systemRuns = (text = running) => rctl('cluster.yaml', text);
const calls = () => (existsSync(path.join(fleet.rctlState, 'calls.log')) ? readFileSync(path.join(fleet.rctlState, 'calls.log'), 'utf8') : '');

const agent = (overrides: Partial<AgentConfig> = {}) =>
  agentFromTarget(`root@127.0.0.1:${fleet.agentHost.port}`, {
    workdir,
    pollIntervalSeconds: 0.2,
    auth: { identityFile: fleet.keys.plain, useAgent: false },
    ...overrides,
    timeouts: { connectSeconds: 5, commandSeconds: 10, applySeconds: 20, pollSeconds: 20 },
  });
const hostKeys = () => new HostKeyPolicy({ trustStoreFile: fleet.knownHosts, userKnownHostsFiles: [] });
const specOf = (text: string) => new YamlFile('file:///repo/demo.yaml', text).documents[0].value as Record<string, unknown>;

async function plan(fileText: string, uploadedFile?: string, overrides: Partial<AgentConfig> = {}) {
  const pool = new ConnectionPool({ agent: agent(overrides), auth: {}, hostKeys: hostKeys() });
  try {
    return await planOnHost(await pool.agentHost(), { spec: specOf(fileText), agent: agent(overrides), uploadedFile });
  } finally {
    pool.closeAll();
  }
}
const rules = (p: ApplyPlan) => p.plan.items.map((i) => `${i.level} ${i.rule}`);

describe('change plan over SSH (stand-in system copy)', () => {
  it('an upgrade by one minor is a plain change', async () => {
    systemRuns();
    const p = await plan(edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1'));
    expect(p.plan.source).toBe(`the status command on root@127.0.0.1:${fleet.agentHost.port} (rctl get cluster {name} -p {project} -o yaml --v3)`);
    expect(p.plan.items).toEqual([expect.objectContaining({ rule: 'plan-kubernetes-upgrade', level: 'info', label: 'Kubernetes version v1.33.2 → v1.34.1: upgrade by one minor' })]);
    expect(p.plan.blocked).toBe(false);
    expect(calls()).toContain('get cluster demo -p defaultproject -o yaml --v3');
  });

  it('a skipped minor is blocked', async () => {
    systemRuns();
    const p = await plan(edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.35.0'));
    expect(rules(p)).toEqual(['blocked plan-kubernetes-skip-minor']);
    expect(p.text).toContain('BLOCKED  Kubernetes version v1.33.2 → v1.35.0: skips minor 1.34; upgrade one minor at a time  [plan-kubernetes-skip-minor]\n');
  });

  it('a removed worker is a warning; a removed control-plane node that costs HA is blocked', async () => {
    systemRuns();
    const worker = await plan(withoutNode('wk-1'));
    expect(worker.plan.items).toEqual([expect.objectContaining({ rule: 'plan-node-removed', level: 'warning', node: 'wk-1', label: 'Node wk-1 removed (127.0.9.21, Worker)' })]);
    const cp = await plan(withoutNode('cp-3'));
    expect(rules(cp)).toEqual(['blocked plan-ha-lost', 'warning plan-node-removed']);
  });

  it('a changed pod subnet is a warning: cannot be changed in place (inferred)', async () => {
    systemRuns();
    const p = await plan(edited('podSubnet: 10.244.0.0/16', 'podSubnet: 10.200.0.0/16'));
    expect(p.plan.items).toEqual([expect.objectContaining({ rule: 'plan-pod-subnet', level: 'warning', inferred: true, label: 'Network podSubnet 10.244.0.0/16 → 10.200.0.0/16: cannot be changed in place on a running cluster' })]);
    expect(p.text).toContain('[plan-pod-subnet, inferred]');
  });

  it('a cluster the controller does not know is created; without a status command the last applied spec is the baseline', async () => {
    const created = await plan(running);
    expect(created.plan.creates).toBe(true);
    expect(created.plan.items.map((i) => i.label)).toContain('Node wk-1 created (127.0.9.21, Worker)');
    const noRecord = await plan(running, undefined, { statusCommand: '' });
    expect(noRecord.plan).toMatchObject({ creates: true, source: `the last applied spec on root@127.0.0.1:${fleet.agentHost.port}` });
  });

  it('a status command that is not there makes the plan blocked, saying why', async () => {
    const p = await plan(running, undefined, { statusCommand: 'rctl-missing get cluster {name}' });
    expect(p.plan.blocked).toBe(true);
    expect(p.plan.items[0].rule).toBe('plan-system-unknown');
    expect(p.plan.items[0].label).toMatch(/rctl-missing: (command )?not found/);
  });

  it("runs the agent host's rctl --dry-run on the uploaded spec and shows its output; an rctl without it is said so", async () => {
    systemRuns();
    const uploaded = path.join(fleet.dir, 'uploaded.yaml');
    writeFileSync(uploaded, running);
    const p = await plan(running, uploaded);
    expect(p.dryRun).toMatchObject({ outcome: 'ran', exitCode: 0, command: `rctl apply -f '${uploaded}' --v3 --dry-run` });
    expect(p.text).toContain(`Dry run (rctl apply -f '${uploaded}' --v3 --dry-run), exit 0:\n  | [rctl test double — a stand-in, not Rafay's rctl] dry run of ${uploaded}: 4 node(s) read; nothing was applied\n`);
    expect(existsSync(path.join(fleet.rctlState, 'last-applied.yaml'))).toBe(false);

    rctl('mode', 'no-dry-run');
    const unsupported = await plan(running, uploaded);
    expect(unsupported.dryRun.outcome).toBe('unsupported');
    expect(unsupported.plan.blocked).toBe(false);
    expect(unsupported.text).toContain("Dry run: the agent host's rctl has no --dry-run");

    rctl('mode', 'dry-run-fail');
    const refused = await plan(running, uploaded);
    expect(refused.plan.items[0]).toMatchObject({ rule: 'plan-dry-run-failed', level: 'blocked', label: 'The dry run refused the spec (exit 1): Error: dry run: cluster spec rejected: the controller refuses this change' });
    expect(refused.plan.blocked).toBe(true);
  });
});

describe('apply asks the plan', () => {
  const apply = (text: string, options: Partial<ApplyOptions>) =>
    applyCluster({
      file: new YamlFile('file:///repo/demo.yaml', text + CREDENTIALS_YAML),
      agent: agent(),
      hostKeys: hostKeys(),
      preflight: false,
      maxClockSkewSeconds: 2,
      confirmWarnings: async () => true,
      confirmPlan: async () => true,
      ...options,
    });

  it('shows the plan after the upload and runs rctl apply only once it is confirmed', async () => {
    systemRuns();
    const shown: ApplyPlan[] = [];
    const declined = await apply(edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1'), { confirmPlan: async (p) => (shown.push(p), false) });
    expect(declined).toMatchObject({ ok: false, step: 'plan', message: `plan failed on root@127.0.0.1:${fleet.agentHost.port}: Not applied: the change plan was not confirmed` });
    expect(shown[0].plan.items.map((i) => i.label)).toEqual(['Kubernetes version v1.33.2 → v1.34.1: upgrade by one minor']);
    expect(shown[0].dryRun.outcome).toBe('ran');
    expect(calls()).toMatch(/apply -f \S+ --v3 --dry-run\n/);
    expect(calls()).not.toMatch(/apply -f \S+ --v3\n/);
    expect(existsSync(path.join(workdir, 'demo', 'applied.json'))).toBe(false);

    const accepted = await apply(edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1'), {});
    expect(accepted.ok).toBe(true);
    expect(accepted.plan?.plan.counts).toEqual({ blocked: 0, warning: 0, info: 1 });
    expect(calls()).toMatch(/apply -f \S+ --v3\n/);
  });

  it('a blocked plan is not applied, and is not even asked about, unless allowBlocked', async () => {
    systemRuns();
    let asked = 0;
    const skip = edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.35.0');
    const blocked = await apply(skip, { confirmPlan: async () => (asked++, true) });
    expect(blocked).toMatchObject({ ok: false, step: 'plan', message: `plan failed on root@127.0.0.1:${fleet.agentHost.port}: Not applied: the change plan is blocked: Kubernetes version v1.33.2 → v1.35.0: skips minor 1.34; upgrade one minor at a time` });
    expect(asked).toBe(0);
    expect(calls()).not.toMatch(/apply -f \S+ --v3\n/);
    const allowed = await apply(skip, { allowBlocked: true, confirmPlan: async (p) => (asked++, p.plan.blocked) });
    expect(asked).toBe(1);
    expect(allowed.ok).toBe(true);
  });
});

describe('mks-gitops plan', () => {
  const run = (args: string[], cwd: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [builtCli(), ...args], { cwd, env: { ...process.env, SSH_AUTH_SOCK: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const args = (file: string) => ['plan', file, '--agent', `root@127.0.0.1:${fleet.agentHost.port}`, '--known-hosts', fleet.knownHosts, '--identity', fleet.keys.plain, '--workdir', workdir];

  it('prints the plan with the dry run (exit 0), blocked plans exit 1, --format json, --plan-rules', async () => {
    systemRuns();
    const repo = path.join(fleet.dir, 'plan-repo');
    mkdirSync(repo, { recursive: true });
    writeFileSync(path.join(repo, 'upgrade.yaml'), edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1'));
    writeFileSync(path.join(repo, 'skip.yaml'), edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.35.0'));
    writeFileSync(path.join(repo, 'subnet.yaml'), edited('podSubnet: 10.244.0.0/16', 'podSubnet: 10.200.0.0/16'));

    const ok = await run(args('upgrade.yaml'), repo);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(
      new RegExp(
        '^Change plan for demo \\(project defaultproject\\)\\nCompared with: the status command on root@127\\.0\\.0\\.1:\\d+ \\(rctl get cluster \\{name\\} -p \\{project\\} -o yaml --v3\\)\\n1 change\\n\\n' +
          'change   Kubernetes version v1\\.33\\.2 → v1\\.34\\.1: upgrade by one minor  \\[plan-kubernetes-upgrade\\]\\n\\n' +
          "Dry run \\(rctl apply -f '\\S+-plan-[0-9a-f]+\\.yaml' --v3 --dry-run\\), exit 0:\\n  \\| \\[rctl test double — a stand-in, not Rafay's rctl\\] dry run of \\S+: 4 node\\(s\\) read; nothing was applied\\n$",
      ),
    );
    expect(ok.status).toBe(0);

    const blocked = await run([...args('skip.yaml'), '--format', 'json'], repo);
    const out = JSON.parse(blocked.stdout);
    expect(out.plans[0]).toMatchObject({ cluster: 'demo', blocked: true, counts: { blocked: 1, warning: 0, info: 0 }, dryRun: { outcome: 'ran' } });
    expect(out.plans[0].items[0]).toMatchObject({ rule: 'plan-kubernetes-skip-minor', level: 'blocked' });
    expect(blocked.status).toBe(1);

    expect((await run(args('subnet.yaml'), repo)).status).toBe(0); // a warning
    const strict = await run([...args('subnet.yaml'), '--plan-rules', 'plan-pod-subnet=blocked'], repo);
    expect(strict.stdout).toContain('BLOCKED  Network podSubnet 10.244.0.0/16 → 10.200.0.0/16');
    expect(strict.status).toBe(1);
    const bad = await run([...args('subnet.yaml'), '--plan-rules', 'plan-pod-subnett=blocked'], repo);
    expect(bad.stderr).toContain("--plan-rules: unknown plan rule 'plan-pod-subnett'");
    expect(bad.status).toBe(2);
  });

  it('apply prints the plan and, without --yes and without a terminal, does not apply', async () => {
    systemRuns();
    const repo = path.join(fleet.dir, 'apply-repo');
    mkdirSync(repo, { recursive: true });
    writeFileSync(path.join(repo, 'upgrade.yaml'), edited('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1'));
    const apply = ['apply', ...args('upgrade.yaml').slice(1), '--no-preflight', '--poll-interval', '0.2'];
    const refused = await run(apply, repo);
    expect(refused.stdout).toContain('    change   Kubernetes version v1.33.2 → v1.34.1: upgrade by one minor  [plan-kubernetes-upgrade]\n');
    expect(refused.stdout).toContain('The change plan needs confirmation: answer on a terminal or pass --yes.\n');
    expect(refused.stdout).toContain(`✗ plan failed on root@127.0.0.1:${fleet.agentHost.port}: Not applied: the change plan was not confirmed\n`);
    expect(refused.status).toBe(1);
    const applied = await run([...apply, '--yes'], repo);
    expect(applied.stdout).toContain('✓ Applied demo');
    expect(applied.status).toBe(0);
  });
});
