import { describe, expect, it } from 'vitest';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { clusterDocuments } from '../../client/src/sync/clusterDocuments';
import { clusterStatus } from '../../client/src/sync/clusterState';
import type { GitSnapshot } from '../../client/src/sync/gitSnapshot';
import { stateStyles } from '../../client/src/sync/stateStyle';
import { controllerCondition, type SystemSnapshot } from '../../client/src/sync/systemState';
import { buildTree, clusterNodeId, md, relativeTime, type ClusterEntry, type PreflightRun, type TreeNode } from '../../client/src/sync/treeModel';
import { edit, seed, seedAsSystem } from '../support/specs';

const NOW = new Date('2026-11-25T12:00:00Z');
const HEAD = '0123456789abcdef0123456789abcdef01234567';

function entry(options: { fileText?: string; git?: GitSnapshot; system?: SystemSnapshot; preflight?: PreflightRun; file?: string } = {}): ClusterEntry {
  const fileText = options.fileText ?? seed;
  const file = options.file ?? 'file:///ws/clusters/demo.yaml';
  const cluster = clusterDocuments(new YamlFile(file, fileText))[0];
  const git = options.git ?? { kind: 'tracked', branch: 'main', commit: HEAD, headText: seed, dirty: false, upstream: 'origin/main', ahead: 1, behind: 0 };
  const system = options.system ?? {
    kind: 'present',
    source: 'status command on agent-1',
    liveText: seedAsSystem,
    applied: { commit: HEAD, appliedAt: '2026-11-25T09:00:00Z', appliedBy: 'alice', specText: seed, taskset: 'ko9176k' },
  };
  const validation = { errors: 0, warnings: 0 };
  return {
    file,
    relativePath: 'clusters/demo.yaml',
    cluster,
    validation,
    git,
    system,
    status: clusterStatus({ name: cluster.name, file: cluster.value, validation, git, system }),
    ...(options.preflight ? { preflight: options.preflight } : {}),
  };
}

const child = (node: TreeNode, kind: TreeNode['kind']) => node.children.find((c) => c.kind === kind)!;

describe('tree model', () => {
  it('groups clusters under their project with Git, System, Nodes and Changes children', () => {
    const [project] = buildTree([entry()], NOW);
    expect(project).toMatchObject({ id: 'project:edge', label: 'edge', description: '1 synced', contextValue: 'mks.project' });
    const cluster = project.children[0];
    expect(cluster).toMatchObject({
      id: 'cluster:file:///ws/clusters/demo.yaml#demo',
      label: 'demo',
      description: 'synced',
      icon: { id: 'pass-filled', color: 'testing.iconPassed' },
      contextValue: 'mks.cluster.in-sync',
      open: { file: 'file:///ws/clusters/demo.yaml', line: 1 },
    });
    expect(clusterNodeId('file:///ws/clusters/demo.yaml', 'demo')).toBe(cluster.id);
    expect(cluster.children.map((c) => c.label)).toEqual(['Git', 'System', 'Nodes', 'Changes']);
    expect(cluster.tooltip).toContain('**demo** — synced');
    expect(cluster.tooltip).toContain('The file matches Git HEAD (0123456).');
  });

  it('describes Git and the system in words, the state first (a narrow sidebar cuts the end)', () => {
    const cluster = buildTree([entry()], NOW)[0].children[0];
    expect(child(cluster, 'git').description).toBe('clean · 1 ahead · main · 0123456');
    expect(child(cluster, 'system').description).toBe('StatusOK · applied 3 h ago by alice @ 0123456');
    expect(child(cluster, 'system').tooltip).toContain('Controller: **StatusOK**');
    expect(child(cluster, 'system').tooltip).toContain('- Taskset: `ko9176k`');
  });

  it('lists nodes with roles, IPs, lines and preflight results', () => {
    const preflight: PreflightRun = {
      at: '2026-11-25T11:59:00Z',
      byHostname: {
        'cp-1': { outcome: 'passed', summary: 'all checks passed', checks: [] },
        'wk-1': { outcome: 'failed', summary: 'swap is on', checks: [{ name: 'swap', outcome: 'failed', message: 'swap is on (/dev/sda2)' }] },
      },
    };
    const nodes = child(buildTree([entry({ preflight })], NOW)[0].children[0], 'nodes');
    expect(nodes.description).toBe('1 failed preflight · 2 nodes');
    expect(nodes.children.map((n) => [n.label, n.description, n.icon?.id, n.contextValue, n.open?.line])).toEqual([
      ['cp-1', 'all checks passed · ControlPlane, Worker · 10.0.0.11', 'pass', 'mks.node.passed', 23],
      ['wk-1', 'swap is on · Worker · 10.0.0.21', 'error', 'mks.node.failed', 30],
    ]);
    expect(nodes.children[1].tooltip).toContain('- ✗ swap: swap is on (/dev/sda2)');
  });

  it('shows field changes under Changes, with an icon per kind', () => {
    const drifted = edit(seedAsSystem, 'kubernetesVersion: "v1.34.1"', 'kubernetesVersion: "v1.33.4"');
    const e = entry({ system: { kind: 'present', source: 'agent-1', liveText: drifted } });
    const cluster = buildTree([e], NOW)[0].children[0];
    expect(cluster.description).toBe('drifted');
    const changes = child(cluster, 'changes');
    expect(changes.description).toBe('1 field');
    expect(changes.contextValue).toBe('mks.changes.some');
    expect(changes.children.map((c) => [c.label, c.icon?.id])).toEqual([['Kubernetes version v1.33.4 → v1.34.1 (upgrade)', 'diff-modified']]);
    expect(changes.children[0].tooltip).toContain('- System: `v1.33.4`');
  });

  it('says what is unknown rather than showing empty children', () => {
    const cluster = buildTree([entry({ system: { kind: 'unreachable', source: 'agent-1', reason: 'timed out' }, git: { kind: 'no-repository' } })], NOW)[0].children[0];
    expect(cluster.description).toBe('unreachable');
    expect(child(cluster, 'git').description).toBe('no repository');
    expect(child(cluster, 'system').description).toBe('unreachable');
    expect(child(cluster, 'changes').description).toBe('system unknown');
  });

  it('says the whole spec is new when the system has no such cluster', () => {
    const cluster = buildTree([entry({ system: { kind: 'absent', source: 'agent-1', reason: 'The controller does not know demo' } })], NOW)[0].children[0];
    expect([cluster.description, child(cluster, 'system').description, child(cluster, 'changes').description]).toEqual(['new', 'not in the system', 'all new']);
  });

  it('sorts projects and clusters and counts states per project', () => {
    const other = edit(edit(seed, 'name: demo ', 'name: alpha '), 'project: edge', 'project: core');
    const modified = entry({ fileText: edit(seed, 'zone: a', 'zone: q'), git: { kind: 'tracked', commit: HEAD, headText: seed, dirty: true } });
    const tree = buildTree([modified, entry({ fileText: other, file: 'file:///ws/alpha.yaml', git: { kind: 'untracked' } }), entry({ file: 'file:///ws/b.yaml' })], NOW);
    expect(tree.map((p) => [p.label, p.description])).toEqual([
      ['core', '1 not in Git'],
      ['edge', '1 synced, 1 modified'],
    ]);
    const alpha = tree[0].children[0];
    expect([alpha.description, child(alpha, 'git').description]).toEqual(['not in Git', 'not committed · detached']);
  });

  it('has a word, meaning and icon for every state', () => {
    for (const style of Object.values(stateStyles)) {
      // Short enough to show in a sidebar of default width next to the cluster name: the state is read first.
      expect(style.word).toMatch(/^[a-zA-Z]+( [a-zA-Z]+){0,2}$/);
      expect(style.word.length).toBeLessThanOrEqual(16);
      expect(style.icon.id).not.toBe('');
    }
  });

  it('reads the controller condition from the status command output, when there is one', () => {
    expect(controllerCondition('status:\n  commonStatus: {conditionStatus: StatusFailed, reason: node cp-1 unreachable}\n')).toEqual({ status: 'StatusFailed', reason: 'node cp-1 unreachable' });
    expect(controllerCondition('status: {provisionStatus: INFRA_CREATION_INPROGRESS}\n')).toEqual({ status: 'INFRA_CREATION_INPROGRESS' });
    expect(controllerCondition('kind: Cluster\n')).toBeUndefined();
    expect(controllerCondition('status: [broken\n')).toBeUndefined();
    // Garbage nested thousands deep (or through aliases) is no condition, and no crash of the extension host.
    expect(controllerCondition(`status: ${'['.repeat(5_000)}1${']'.repeat(5_000)}\n`)).toBeUndefined();
    const chain = Array.from({ length: 300 }, (_, i) => (i === 0 ? 'a0: &a0 [x]' : `a${i}: &a${i} [*a${i - 1}]`)).join('\n');
    expect(controllerCondition(`${chain}\nstatus: {provisionStatus: *a299}\n`)).toBeUndefined();
    expect(controllerCondition(undefined)).toBeUndefined();
  });

  it('formats times and escapes markdown', () => {
    expect(relativeTime('2026-11-25T11:58:00Z', NOW)).toBe('2 min ago');
    expect(relativeTime('2026-11-20T12:00:00Z', NOW)).toBe('5 days ago');
    expect(relativeTime('yesterday', NOW)).toBe('yesterday');
    expect(md('a_b*[c]')).toBe('a\\_b\\*\\[c\\]');
  });
});
