// The sync view's system side through the real agent code: a real sshd as the agent host with the rctl test
// double on its PATH (the double stands in for Rafay's rctl at its command-line boundary only). Applies go
// through the agent's own apply, then the view reads the status command and the apply record back.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyCluster } from '../../client/src/agent/apply';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { clusterStatuses } from '../../client/src/agent/status';
import { agentForCluster, AgentSystemSource, type AgentAccess } from '../../client/src/sshActions/agentSystemSource';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { clusterStatus } from '../../client/src/sync/clusterState';
import type { GitSnapshot } from '../../client/src/sync/gitSnapshot';
import type { SystemSnapshot } from '../../client/src/sync/systemState';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { CREDENTIALS_YAML, clusterYaml } from '../support/cluster';
import { startFleet, type Fleet } from '../support/fleet';
import type { Keys, Sshd } from '../support/sshd';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const NEWER = 'fedcba9876543210fedcba9876543210fedcba98';
let fleet: Fleet | undefined;
let dir: string;
let keys: Keys;
let agentHost: Sshd;
let knownHosts: string;
let workdir: string;
let rctlState: string;

beforeAll(async () => {
  fleet = await startFleet('sync-source');
  ({ dir, keys, agentHost, knownHosts, rctlState } = fleet);
  workdir = path.join(dir, 'agent-work');
});

afterAll(() => {
  fleet?.stop();
});

beforeEach(() => {
  rmSync(rctlState, { recursive: true, force: true });
  rmSync(workdir, { recursive: true, force: true });
});

const spec = (version = 'v1.33.2') =>
  `# demo cluster, kept in Git\n` + clusterYaml('demo', [{ hostname: 'cp-1', privateIP: '10.0.0.11', port: 22 }]).replace('v1.33.2', version);

function access(agent: Record<string, unknown> = {}): AgentAccess {
  const files = [new YamlFile('file:///repo/credentials.yaml', CREDENTIALS_YAML)];
  return {
    agentsSetting: () => ({
      'agent-1': { host: '127.0.0.1', port: agentHost.port, username: 'root', workdir, pollIntervalSeconds: 1, auth: { identityFile: keys.plain, useAgent: false }, timeouts: { connectSeconds: 5, commandSeconds: 10 }, ...agent },
    }),
    workspaceFiles: () => files,
    hostKeys: new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] }),
  };
}

const read = (text: string, a = access()) =>
  new AgentSystemSource(a).read({ name: 'demo', project: 'defaultproject', file: '/repo/demo.yaml', fileText: text }, new AbortController().signal);

async function applyThroughAgent(text: string, commit: string): Promise<void> {
  const a = access();
  const file = new YamlFile('file:///repo/demo.yaml', text);
  const agent = agentForCluster(a, findCluster(text, 'demo')!);
  if ('unavailable' in agent) throw new Error(agent.unavailable);
  const result = await applyCluster({ file, workspace: a.workspaceFiles(), agent, hostKeys: a.hostKeys, preflight: false, maxClockSkewSeconds: 2, confirmWarnings: async () => true, confirmPlan: async () => true, gitCommit: commit });
  expect(result.message).toMatch(/^Applied demo/);
}

/** What the controller reports: the double prints state/cluster.yaml for `rctl get cluster`. */
function controllerHas(text: string): void {
  mkdirSync(rctlState, { recursive: true });
  writeFileSync(path.join(rctlState, 'cluster.yaml'), text + 'status:\n  commonStatus: {conditionStatus: StatusOK}\n');
}

const stateOf = (fileText: string, system: SystemSnapshot, headCommit = COMMIT) => {
  const git: GitSnapshot = { kind: 'tracked', branch: 'main', commit: headCommit, headText: fileText, dirty: false };
  return clusterStatus({ name: 'demo', file: findCluster(fileText, 'demo')!, validation: { errors: 0, warnings: 0 }, git, system });
};

describe('system state through the agent host', () => {
  it('is absent before any apply, from the status command and from the record alone', async () => {
    expect(await read(spec())).toEqual({ kind: 'absent', source: 'status command on agent-1', reason: 'The controller does not know demo: Error: cluster demo not found' });
    expect(await read(spec(), access({ statusCommand: '' }))).toEqual({ kind: 'absent', source: 'last-applied record on agent-1', reason: 'demo was never applied through agent-1 (no applied.json)' });
  }, 60_000);

  it('reads the apply record and the applied spec after an apply, and the live spec from the status command', async () => {
    await applyThroughAgent(spec(), COMMIT);
    const recordOnly = await read(spec(), access({ statusCommand: '' }));
    expect(recordOnly).toMatchObject({ kind: 'present', applied: { commit: COMMIT, appliedBy: 'root', specText: spec() } });
    expect(stateOf(spec(), recordOnly).state).toBe('in-sync');

    controllerHas(spec());
    const live = await read(spec());
    expect(live).toMatchObject({ kind: 'present', liveText: expect.stringContaining('conditionStatus: StatusOK'), applied: { commit: COMMIT } });
    expect(stateOf(spec(), live).state).toBe('in-sync');
  }, 60_000);

  it('tells drift (the controller changed) from a newer commit that is not applied yet', async () => {
    await applyThroughAgent(spec(), COMMIT);
    controllerHas(spec('v1.34.1'));
    const drifted = stateOf(spec(), await read(spec()));
    expect(drifted.state).toBe('drifted');
    expect(drifted.changes.map((c) => c.label)).toEqual(['Kubernetes version v1.34.1 → v1.33.2 (downgrade)']);

    controllerHas(spec());
    const pending = stateOf(spec('v1.34.1'), await read(spec('v1.34.1')), NEWER);
    expect(pending.state).toBe('not-applied');
    expect(pending.changes.map((c) => c.label)).toEqual(['Kubernetes version v1.33.2 → v1.34.1 (upgrade)']);
  }, 60_000);

  it('agrees with the CLI status (same comparison): reordered nodes are in sync, a changed version is drift with the same changes', async () => {
    const cp = { hostname: 'cp-1', privateIP: '10.0.0.11', port: 22 };
    const wk = { hostname: 'wk-1', privateIP: '10.0.0.21', port: 22, roles: ['Worker'] };
    controllerHas(clusterYaml('demo', [cp, wk]));
    const reordered = clusterYaml('demo', [wk, cp]);
    const cli = async (text: string) => {
      const agent = agentForCluster(access(), findCluster(text, 'demo')!);
      if ('unavailable' in agent) throw new Error(agent.unavailable);
      const [status] = await clusterStatuses({ file: new YamlFile('file:///repo/demo.yaml', text), agent, hostKeys: access().hostKeys });
      return status;
    };

    expect(await cli(reordered)).toMatchObject({ state: 'in-sync', changes: [] });
    expect(stateOf(reordered, await read(reordered))).toMatchObject({ state: 'in-sync', changes: [] });

    const upgraded = reordered.replace('kubernetesVersion: v1.33.2', 'kubernetesVersion: v1.34.1');
    const cliDrift = await cli(upgraded);
    const treeDrift = stateOf(upgraded, await read(upgraded));
    expect(cliDrift.state).toBe('drifted');
    expect(treeDrift.state).toBe('drifted');
    expect(cliDrift.changes.map((c) => c.label)).toEqual(['Kubernetes version v1.33.2 → v1.34.1 (upgrade)']);
    expect(treeDrift.changes).toEqual(cliDrift.changes);
  }, 60_000);

  it('says unreachable when the agent host does not answer, and why no agent applies', async () => {
    const down = await read(spec(), access({ port: 1 }));
    expect(down).toMatchObject({ kind: 'unreachable', source: 'agent-1' });
    const none: AgentAccess = { ...access(), agentsSetting: () => undefined };
    expect(await read(spec(), none)).toEqual({ kind: 'unknown', reason: expect.stringContaining('none of which is in mksGitops.agents') });
  }, 60_000);
});
