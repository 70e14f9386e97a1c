// The change plan classifier (pure): each change of the file over the system's copy, by its effect on the cluster.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changePlan, planConfirmation, planRuleIds, planRules, planText, resolvePlanSettings, type PlanBaseline } from '../../client/src/sync/changePlan';
import { edit, seed, seedAsSystem } from '../support/specs';

const spec = (text: string) => parse(text) as Record<string, unknown>;
const system = (text = seedAsSystem): PlanBaseline => ({ kind: 'system', source: 'status command on agent-1', spec: spec(text) });
const plan = (fileText: string, baseline = system(), settings?: Parameters<typeof changePlan>[2]) => changePlan(baseline, spec(fileText), settings);
const rules = (p: ReturnType<typeof plan>) => p.items.map((i) => `${i.level} ${i.rule}`);

/** Three control-plane nodes and two workers; the infra worker runs the system components. */
const ha = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata: {name: prod, project: core}
spec:
  type: mks
  blueprint: {name: minimal}
  cloudCredentials: c
  systemComponentsPlacement:
    nodeSelector: {infra: "true"}
  config:
    highAvailability: true
    kubernetesVersion: v1.33.2
    network: {cni: {name: Calico, version: 3.26.1}, podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}
    nodes:
      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - {hostname: cp-2, privateIP: 10.0.0.12, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - {hostname: cp-3, privateIP: 10.0.0.13, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - {hostname: wk-1, privateIP: 10.0.0.21, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker], labels: {infra: "true"}}
      - {hostname: wk-2, privateIP: 10.0.0.22, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}
`;
const without = (text: string, host: string) => text.split('\n').filter((l) => !l.includes(`hostname: ${host},`)).join('\n');

describe('change plan', () => {
  it('is empty when the file means what the system runs (order, defaults and status do not count)', () => {
    const p = plan(seed);
    expect(p.items).toEqual([]);
    expect(p.blocked).toBe(false);
    expect(planText(p)).toContain('The system already matches the file');
  });

  it('a patch upgrade and an upgrade by one minor are plain changes', () => {
    expect(rules(plan(edit(seed, 'v1.34.1', 'v1.34.3')))).toEqual(['info plan-kubernetes-upgrade']);
    const minor = plan(edit(seed, 'v1.34.1', 'v1.35.0'));
    expect(minor.items[0]).toMatchObject({ rule: 'plan-kubernetes-upgrade', level: 'info', label: 'Kubernetes version v1.34.1 → v1.35.0: upgrade by one minor' });
    expect(minor.blocked).toBe(false);
  });

  it('a skipped minor and a downgrade are blocked', () => {
    const skip = plan(edit(seed, 'v1.34.1', 'v1.36.0'));
    expect(skip.items).toEqual([expect.objectContaining({ rule: 'plan-kubernetes-skip-minor', level: 'blocked', label: 'Kubernetes version v1.34.1 → v1.36.0: skips minor 1.35; upgrade one minor at a time' })]);
    expect(skip.blocked).toBe(true);
    const down = plan(edit(seed, 'v1.34.1', 'v1.33.9'));
    expect(rules(down)).toEqual(['blocked plan-kubernetes-downgrade']);
    expect(rules(plan(edit(seed, 'v1.34.1', 'latest')))).toEqual(['warning plan-kubernetes-version-unreadable']);
  });

  it('names nodes added and removed by hostname with their role; removal is a warning', () => {
    const added = edit(seed, '    nodes:\n', '    nodes:\n      - {hostname: wk-2, privateIP: 10.0.0.22, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}\n');
    expect(plan(added).items).toEqual([expect.objectContaining({ rule: 'plan-node-added', level: 'info', node: 'wk-2', label: 'Node wk-2 added (10.0.0.22, Worker)' })]);
    const p = plan(without(ha, 'wk-2'), system(ha));
    expect(p.items).toEqual([expect.objectContaining({ rule: 'plan-node-removed', level: 'warning', node: 'wk-2', label: 'Node wk-2 removed (10.0.0.22, Worker)' })]);
    expect(p.blocked).toBe(false);
  });

  it('platform version, blueprint, labels and taints', () => {
    const changed = edit(edit(edit(seed, 'name: minimal', 'name: default'), 'zone: a', 'zone: b'), 'effect: NoSchedule', 'effect: NoExecute');
    const p = plan(edit(changed, '    autoApproveNodes: true\n', '    autoApproveNodes: true\n    platformVersion: v1.1.0\n'), system(edit(seedAsSystem, 'installerTtl: 365', 'installerTtl: 365\n    platformVersion: v1.0.0')));
    expect(rules(p).sort()).toEqual(['info plan-blueprint', 'info plan-node-labels', 'info plan-node-taints', 'warning plan-node-taint-noexecute', 'warning plan-platform-version'].sort());
    expect(p.items.find((i) => i.rule === 'plan-node-taint-noexecute')?.label).toBe('wk-1: taint infra=true:NoExecute added: evicts pods that do not tolerate it');
    expect(p.items.find((i) => i.rule === 'plan-platform-version')?.label).toMatch(/^Platform version v1\.0\.0 → v1\.1\.0 \(upgrade\): disruptive/);
  });

  it('subnets, CNI name, dedicatedControlPlane and highAvailability are warnings marked inferred (settable to blocked)', () => {
    const file = edit(edit(edit(seed, 'podSubnet: 10.244.0.0/16', 'podSubnet: 10.200.0.0/16'), 'serviceSubnet: 10.96.0.0/12', 'serviceSubnet: 10.100.0.0/16'), 'name: Calico', 'name: Cilium');
    const withTopology = edit(file, '    autoApproveNodes: true\n', '    autoApproveNodes: true\n    dedicatedControlPlane: true\n    highAvailability: true\n');
    const p = plan(withTopology);
    expect(rules(p).sort()).toEqual(['warning plan-cni-name', 'warning plan-dedicated-control-plane', 'warning plan-high-availability', 'warning plan-pod-subnet', 'warning plan-service-subnet']);
    expect(p.items.every((i) => i.inferred)).toBe(true);
    expect(p.items.find((i) => i.rule === 'plan-pod-subnet')?.label).toBe('Network podSubnet 10.244.0.0/16 → 10.200.0.0/16: cannot be changed in place on a running cluster');
    expect(p.items.find((i) => i.rule === 'plan-dedicated-control-plane')?.label).toBe('Dedicated control plane false → true: a topology chosen when the cluster is created');
    const strict = plan(withTopology, system(), resolvePlanSettings({ 'plan-pod-subnet': 'blocked' }).settings);
    expect(strict.items.find((i) => i.rule === 'plan-pod-subnet')?.level).toBe('blocked');
    expect(strict.blocked).toBe(true);
  });

  it('blocks removing control-plane nodes so that etcd quorum or HA is lost; one of three is fine', () => {
    const oneGone = plan(edit(without(ha, 'cp-3'), 'highAvailability: true', 'highAvailability: true'), system(ha));
    expect(rules(oneGone)).toEqual(['blocked plan-ha-lost', 'warning plan-node-removed']);
    const fourCP = edit(ha, '      - {hostname: wk-1', '      - {hostname: cp-4, privateIP: 10.0.0.14, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}\n      - {hostname: wk-1');
    expect(rules(plan(without(fourCP, 'cp-4'), system(fourCP)))).toEqual(['warning plan-node-removed']);
    const twoGone = plan(without(without(fourCP, 'cp-4'), 'cp-3'), system(fourCP));
    expect(twoGone.items[0]).toMatchObject({ rule: 'plan-control-plane-quorum', level: 'blocked', label: 'Control plane: 2 of 4 control-plane nodes leave at once (cp-3, cp-4); etcd keeps quorum only with 3 of them left' });
    expect(twoGone.blocked).toBe(true);
  });

  it('blocks removing every node the system components placement selects', () => {
    const p = plan(without(ha, 'wk-1'), system(ha));
    expect(p.items[0]).toMatchObject({ rule: 'plan-placement-lost', level: 'blocked' });
    expect(p.items[0].label).toContain('(wk-1)');
    // Moving the label to another existing node first keeps a place for them.
    const moved = without(ha, 'wk-1').replace('roles: [Worker]}', 'roles: [Worker], labels: {infra: "true"}}');
    expect(rules(plan(moved, system(ha))).filter((r) => r.startsWith('blocked'))).toEqual([]);
  });

  it('without the system\'s copy: creation when the system does not know the cluster, blocked when unreadable', () => {
    const created = plan(seed, { kind: 'absent', source: 'status command on agent-1' });
    expect(created.creates).toBe(true);
    expect(created.items.map((i) => i.label)).toEqual(['Node cp-1 created (10.0.0.11, ControlPlane, Worker)', 'Node wk-1 created (10.0.0.21, Worker)']);
    const unknown = plan(seed, { kind: 'unknown', source: 'status command on agent-1', reason: 'rctl: command not found (exit 127)' });
    expect(unknown.blocked).toBe(true);
    expect(unknown.items[0].label).toContain('rctl: command not found');
  });

  it('the text has one line per change and the dry run; the confirmation names counts and blockers', () => {
    const p = plan(edit(edit(seed, 'v1.34.1', 'v1.36.0'), 'zone: a', 'zone: b'));
    const text = planText(p, { command: "rctl apply -f 'x.yaml' --v3 --dry-run", outcome: 'ran', exitCode: 0, output: 'would upgrade\n' });
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Change plan for demo (project edge)',
      'Compared with: status command on agent-1',
      '2 changes: 1 blocked — blocked: not applied unless blocked plans are allowed',
      '',
      'BLOCKED  Kubernetes version v1.34.1 → v1.36.0: skips minor 1.35; upgrade one minor at a time  [plan-kubernetes-skip-minor]',
      'change   cp-1: label zone: a → b  [plan-node-labels]',
    ]);
    expect(text).toContain("Dry run (rctl apply -f 'x.yaml' --v3 --dry-run), exit 0:\n  | would upgrade\n");
    const refused = planConfirmation(p, false);
    expect(refused).toEqual({
      message: 'demo: the change plan is blocked (2 changes: 1 blocked).',
      detail: 'Blocked:\n• Kubernetes version v1.34.1 → v1.36.0: skips minor 1.35; upgrade one minor at a time\nA blocked plan is not applied. Change the file, or set mksGitops.plan.allowBlocked to apply it anyway.',
      apply: undefined,
    });
    expect(planConfirmation(p, true).apply).toBe('Apply Despite Blockers');
    expect(planConfirmation(plan(edit(seed, 'zone: a', 'zone: b')), false)).toMatchObject({ message: 'Apply demo? 1 change.', apply: 'Apply' });
  });

  it('settings: unknown ids and bad levels are reported and not applied', () => {
    const { settings, problems } = resolvePlanSettings({ 'plan-pod-subnet': 'blocked', 'plan-nope': 'info', 'plan-cni-name': 'error' });
    expect(settings.levels).toEqual({ 'plan-pod-subnet': 'blocked' });
    expect(problems).toEqual(["unknown plan rule 'plan-nope'", "plan rule 'plan-cni-name' must be blocked, warning or info (got \"error\")"]);
    expect(resolvePlanSettings('x').problems).toHaveLength(1);
    // Inferred facts never block by default.
    for (const id of planRuleIds) if (planRules[id].inferred) expect(planRules[id].level).not.toBe('blocked');
  });
});
