// The change plan of an apply: what applying the file does to the running cluster, each change classified by its
// effect (reference §5 rules 6, 13, 19, 22, 24; Kubernetes docs). Pure: the system's copy (the status command's
// YAML, or the spec of the last successful apply) and the file in, a plan out. The field-level differences come
// from the sync view's semantic comparison (normalize.ts + fieldChanges.ts), the node reads and the placement from
// the engine's helpers, so the plan, the tree's Changes and the rules agree.
import { isControlPlane, nodes, type Dict } from '../../../server/src/engine/support/clusterView';
import { placementOf, selectedNodes } from '../../../server/src/engine/support/placement';
import { isRecord } from '../../../server/src/engine/yamlFile';
import { compareVersions, fieldChanges, type FieldChange } from './fieldChanges';
import { normalizeCluster } from './normalize';

/** `blocked`: the apply does not run without the override; `warning`: disruptive, named in the confirmation; `info`: a change. */
export type PlanLevel = 'blocked' | 'warning' | 'info';

export interface PlanRule {
  level: PlanLevel;
  /** Where the fact comes from; `inferred` facts default to a warning (settable). */
  basis: string;
  inferred: boolean;
}

/** Every kind of plan entry, its default level and its source. Levels are settable per id (`mksGitops.plan.rules`). */
export const planRules = {
  'plan-create': { level: 'info', basis: 'reference §7: rctl apply creates a cluster it does not know', inferred: false },
  'plan-node-added': { level: 'info', basis: 'reference §5 rule 24: a new nodes[] entry is a node add', inferred: false },
  'plan-node-removed': { level: 'warning', basis: 'reference §5 rule 24: a removed nodes[] entry is a node remove; its workloads move', inferred: false },
  'plan-node-roles': { level: 'warning', basis: 'roles of a running node changed in place (not documented as a day-2 operation)', inferred: true },
  'plan-node-labels': { level: 'info', basis: 'node labels (reference §3.4)', inferred: false },
  'plan-node-taints': { level: 'info', basis: 'node taints (reference §3.4)', inferred: false },
  'plan-node-taint-noexecute': { level: 'warning', basis: 'Kubernetes: a NoExecute taint evicts running pods that do not tolerate it', inferred: false },
  'plan-kubernetes-upgrade': { level: 'info', basis: 'reference §5 rule 24: a kubernetesVersion change is an upgrade (patch or one minor)', inferred: false },
  'plan-kubernetes-skip-minor': { level: 'blocked', basis: 'Kubernetes (kubeadm upgrade docs): skipping MINOR versions when upgrading is unsupported; reference §5 rule 13', inferred: false },
  'plan-kubernetes-downgrade': { level: 'blocked', basis: 'reference §5 rule 13: a version change must not downgrade', inferred: false },
  'plan-kubernetes-version-unreadable': { level: 'warning', basis: 'a version that is not vX.Y.Z cannot be compared', inferred: false },
  'plan-platform-version': { level: 'warning', basis: 'reference §5 rule 22 (D9): platformVersion upgrades are disruptive', inferred: false },
  'plan-blueprint': { level: 'info', basis: 'reference §5 rule 24: a blueprint change is a blueprint update', inferred: false },
  'plan-pod-subnet': { level: 'warning', basis: 'the pod subnet of a running cluster cannot be changed in place (not in the reference)', inferred: true },
  'plan-service-subnet': { level: 'warning', basis: 'the service subnet of a running cluster cannot be changed in place (not in the reference)', inferred: true },
  'plan-cni-name': { level: 'warning', basis: 'the CNI of a running cluster cannot be swapped in place (not in the reference)', inferred: true },
  'plan-dedicated-control-plane': { level: 'warning', basis: 'dedicatedControlPlane is a topology chosen at creation (reference §5 rule 8)', inferred: true },
  'plan-high-availability': { level: 'warning', basis: 'highAvailability is a topology chosen at creation (reference §5 rule 8)', inferred: true },
  'plan-control-plane-quorum': { level: 'blocked', basis: 'etcd needs a majority of its members: removing half or more of the control plane at once loses quorum', inferred: false },
  'plan-ha-lost': { level: 'blocked', basis: 'reference §5 rule 6: a highly available control plane needs at least 3 control-plane nodes', inferred: false },
  'plan-placement-lost': { level: 'blocked', basis: 'reference §5 rule 19: system components run only on the nodes their placement selects', inferred: false },
  'plan-system-unknown': { level: 'blocked', basis: 'without the system\'s copy the plan cannot tell what the apply changes', inferred: false },
  'plan-dry-run-failed': { level: 'blocked', basis: 'reference §7: rctl apply --dry-run previews the apply; it refused this spec', inferred: false },
  'plan-other': { level: 'info', basis: 'any other field', inferred: false },
} satisfies Record<string, PlanRule>;

export type PlanRuleId = keyof typeof planRules;
export const planRuleIds = Object.keys(planRules) as PlanRuleId[];

export interface PlanSettings {
  /** Level per rule id; ids left out keep their default. */
  levels: Partial<Record<PlanRuleId, PlanLevel>>;
}

export const defaultPlanSettings: PlanSettings = { levels: {} };

/** The `mksGitops.plan.rules` setting (or the CLI's config); unknown ids and bad levels are reported, not applied. */
export function resolvePlanSettings(value: unknown): { settings: PlanSettings; problems: string[] } {
  const levels: Partial<Record<PlanRuleId, PlanLevel>> = {};
  const problems: string[] = [];
  if (value === undefined || value === null) return { settings: { levels }, problems };
  if (!isRecord(value)) return { settings: { levels }, problems: ['plan rules must be an object: rule id → blocked | warning | info'] };
  for (const [id, level] of Object.entries(value)) {
    if (!(id in planRules)) problems.push(`unknown plan rule '${id}'`);
    else if (level !== 'blocked' && level !== 'warning' && level !== 'info') problems.push(`plan rule '${id}' must be blocked, warning or info (got ${JSON.stringify(level)})`);
    else levels[id as PlanRuleId] = level;
  }
  return { settings: { levels }, problems };
}

export interface PlanItem {
  rule: PlanRuleId;
  level: PlanLevel;
  /** One line for people. */
  label: string;
  inferred: boolean;
  node?: string;
}

/** What the plan was compared with. */
export type PlanBaseline =
  | { kind: 'system'; source: string; spec: Record<string, unknown> }
  | { kind: 'absent'; source: string }
  | { kind: 'unknown'; source: string; reason: string };

export interface ChangePlan {
  cluster: string;
  project: string | undefined;
  /** Where the system's copy came from, e.g. "status command on agent-1". */
  source: string;
  /** The cluster does not exist in the system: the apply creates it. */
  creates: boolean;
  items: PlanItem[];
  counts: Record<PlanLevel, number>;
  /** Some item is blocked: the apply does not run without the override. */
  blocked: boolean;
}

/** The plan of applying `file` over what the system has (`baseline`). */
export function changePlan(baseline: PlanBaseline, file: Record<string, unknown>, settings: PlanSettings = defaultPlanSettings): ChangePlan {
  const item = (rule: PlanRuleId, label: string, node?: string): PlanItem => ({
    rule,
    level: settings.levels[rule] ?? planRules[rule].level,
    label,
    inferred: planRules[rule].inferred,
    ...(node !== undefined ? { node } : {}),
  });
  const items: PlanItem[] = [];
  if (baseline.kind === 'unknown') {
    items.push(item('plan-system-unknown', `The system's copy could not be read (${baseline.reason}): what this apply changes is not known`));
  } else if (baseline.kind === 'absent') {
    for (const node of nodes(file)) {
      const name = node.hostname ?? `node #${node.index + 1}`;
      items.push(item('plan-create', `Node ${name} created (${[node.privateIP, node.roles.join(', ')].filter(Boolean).join(', ')})`, name));
    }
    if (items.length === 0) items.push(item('plan-create', 'Cluster created (no nodes listed)'));
  } else {
    const system = baseline.spec;
    for (const change of fieldChanges(normalizeCluster(system), normalizeCluster(file))) items.push(classify(change, item));
    items.push(...clusterChecks(system, file, item));
  }
  const order: Record<PlanLevel, number> = { blocked: 0, warning: 1, info: 2 };
  items.sort((a, b) => order[a.level] - order[b.level]);
  const counts = { blocked: 0, warning: 0, info: 0 };
  for (const i of items) counts[i.level]++;
  const metadata = isRecord(file.metadata) ? file.metadata : {};
  return {
    cluster: typeof metadata.name === 'string' ? metadata.name : '(unnamed)',
    project: typeof metadata.project === 'string' ? metadata.project : undefined,
    source: baseline.source,
    creates: baseline.kind === 'absent',
    items,
    counts,
    blocked: counts.blocked > 0,
  };
}

type MakeItem = (rule: PlanRuleId, label: string, node?: string) => PlanItem;

function classify(change: FieldChange, item: MakeItem): PlanItem {
  const p = change.path;
  const at = (...path: string[]) => p.length === path.length && path.every((s, i) => s === p[i]);
  switch (change.category) {
    case 'node':
      if (p.length === 4) return item(change.kind === 'removed' ? 'plan-node-removed' : 'plan-node-added', change.label, change.node);
      return item('plan-other', change.label, change.node);
    case 'roles':
      return item('plan-node-roles', `${change.label}: changes what a running node is`, change.node);
    case 'labels':
      return item('plan-node-labels', change.label, change.node);
    case 'taints':
      return item(change.kind !== 'removed' && p[p.length - 1]?.endsWith(':NoExecute') ? 'plan-node-taint-noexecute' : 'plan-node-taints',
        change.kind !== 'removed' && p[p.length - 1]?.endsWith(':NoExecute') ? `${change.label}: evicts pods that do not tolerate it` : change.label, change.node);
    case 'version':
      if (at('spec', 'config', 'kubernetesVersion')) return kubernetesVersion(change, item);
      return item('plan-platform-version', `${change.label}: disruptive (etcd, container runtime and agents are upgraded)`);
    case 'blueprint':
      return item('plan-blueprint', change.label);
    case 'network': {
      const field = p.slice(3).join('.');
      if (field === 'podSubnet' || field === 'ipv6.podSubnet') return item('plan-pod-subnet', `${change.label}: cannot be changed in place on a running cluster`);
      if (field === 'serviceSubnet' || field === 'ipv6.serviceSubnet') return item('plan-service-subnet', `${change.label}: cannot be changed in place on a running cluster`);
      if (field === 'cni.name') return item('plan-cni-name', `${change.label}: the CNI cannot be swapped in place on a running cluster`);
      return item('plan-other', change.label);
    }
    default:
      if (at('spec', 'config', 'dedicatedControlPlane')) return item('plan-dedicated-control-plane', `Dedicated control plane ${transition(change, 'false')}: a topology chosen when the cluster is created`);
      if (at('spec', 'config', 'highAvailability')) return item('plan-high-availability', `High availability ${transition(change, 'false')}: a topology chosen when the cluster is created`);
      return item('plan-other', change.label);
  }
}

/** `before → after`, with the documented default for a side that leaves the field out. */
function transition(change: FieldChange, fallback: string): string {
  return `${change.before ?? fallback} → ${change.after ?? fallback}`;
}

function kubernetesVersion(change: FieldChange, item: MakeItem): PlanItem {
  const from = change.before;
  const to = change.after;
  const minor = (v: string | undefined) => /^v?(\d+)\.(\d+)/.exec(v?.trim() ?? '')?.slice(1).map(Number);
  const a = minor(from);
  const b = minor(to);
  const order = from !== undefined && to !== undefined ? compareVersions(from, to) : undefined;
  if (!a || !b || order === undefined) return item('plan-kubernetes-version-unreadable', `Kubernetes version ${from ?? 'unset'} → ${to ?? 'unset'}: cannot tell an upgrade from a downgrade`);
  if (order > 0) return item('plan-kubernetes-downgrade', `Kubernetes version ${from} → ${to}: a downgrade`);
  const minors = (b[0] - a[0]) * 1000 + (b[1] - a[1]);
  if (a[0] !== b[0] || minors > 1) {
    return item('plan-kubernetes-skip-minor', `Kubernetes version ${from} → ${to}: skips ${a[0] === b[0] ? `minor ${skipped(a, b)}` : 'minor versions'}; upgrade one minor at a time`);
  }
  return item('plan-kubernetes-upgrade', `Kubernetes version ${from} → ${to}: ${minors === 1 ? 'upgrade by one minor' : 'patch upgrade'}`);
}

function skipped(a: number[], b: number[]): string {
  const list: string[] = [];
  for (let m = a[1] + 1; m < b[1]; m++) list.push(`${a[0]}.${m}`);
  return list.join(', ');
}

/** What no single field shows: the control plane's quorum and HA, and where the system components can still run. */
function clusterChecks(system: Dict, file: Dict, item: MakeItem): PlanItem[] {
  const out: PlanItem[] = [];
  const fileNodes = new Map(nodes(file).filter((n) => n.hostname).map((n) => [n.hostname!, n]));
  const systemCP = nodes(system).filter((n) => n.hostname && isControlPlane(n)).map((n) => n.hostname!);
  const leaving = systemCP.filter((h) => !fileNodes.has(h) || !isControlPlane(fileNodes.get(h)!));
  const fileCP = nodes(file).filter(isControlPlane).length;
  if (leaving.length > 0) {
    const quorum = Math.floor(systemCP.length / 2) + 1;
    const staying = systemCP.length - leaving.length;
    if (staying < quorum) {
      out.push(item('plan-control-plane-quorum', `Control plane: ${leaving.length} of ${systemCP.length} control-plane nodes leave at once (${leaving.join(', ')}); etcd keeps quorum only with ${quorum} of them left`));
    }
    const config = isRecord(isRecord(system.spec) ? system.spec.config : undefined) ? ((system.spec as Dict).config as Dict) : {};
    const wasHA = String(config.highAvailability) === 'true' || systemCP.length >= 3;
    if (wasHA && fileCP < 3) {
      out.push(item('plan-ha-lost', `Control plane: ${fileCP} control-plane node${fileCP === 1 ? '' : 's'} left after removing ${leaving.join(', ')}; high availability needs at least 3`));
    }
  }
  const placement = placementOf(system);
  if (placement) {
    const selected = selectedNodes(system, placement).map((n) => n.hostname).filter((h): h is string => !!h);
    const filePlacement = placementOf(file);
    const systemHosts = new Set(nodes(system).map((n) => n.hostname));
    const stillSelected = filePlacement ? selectedNodes(file, filePlacement).filter((n) => systemHosts.has(n.hostname)) : [...fileNodes.values()];
    if (selected.length > 0 && stillSelected.length === 0) {
      out.push(item('plan-placement-lost', `System components: every node their placement selects now (${selected.join(', ')}) is removed or no longer selected; they would have nowhere to run`));
    }
  }
  return out;
}

/** The dry run's outcome, when the agent host's rctl has one (filled in by the agent code). */
export interface DryRun {
  command: string;
  /** `ran`: its output is the preview; `unsupported`: this rctl has no --dry-run; `failed`: it refused the spec. */
  outcome: 'ran' | 'unsupported' | 'failed' | 'not-run';
  exitCode: number | null;
  output: string;
}

const LEVEL_WORD: Record<PlanLevel, string> = { blocked: 'BLOCKED', warning: 'WARNING', info: 'change ' };

/** The counts in words: "3 changes: 1 blocked, 1 warning". */
export function planCounts(plan: ChangePlan): string {
  const total = plan.items.length;
  if (total === 0) return 'no changes';
  const parts = [plan.counts.blocked ? `${plan.counts.blocked} blocked` : '', plan.counts.warning ? `${plan.counts.warning} warning${plan.counts.warning === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${total} change${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The plan as a readable text, each change on one line (the CLI prints it; VS Code shows it as a document). */
export function planText(plan: ChangePlan, dryRun?: DryRun): string {
  const lines = [
    `Change plan for ${plan.cluster}${plan.project ? ` (project ${plan.project})` : ''}`,
    `Compared with: ${plan.source}`,
    `${plan.creates ? 'Creates the cluster. ' : ''}${planCounts(plan)}${plan.blocked ? ' — blocked: not applied unless blocked plans are allowed' : ''}`,
    '',
    ...plan.items.map((i) => `${LEVEL_WORD[i.level]}  ${i.label}  [${i.rule}${i.inferred ? ', inferred' : ''}]`),
  ];
  if (plan.items.length === 0) lines.push('The system already matches the file: applying changes nothing.');
  if (dryRun) {
    lines.push('', dryRunHeading(dryRun));
    for (const line of dryRun.output.replace(/\n+$/, '').split('\n')) if (line !== '') lines.push(`  | ${line}`);
  }
  return lines.join('\n') + '\n';
}

function dryRunHeading(d: DryRun): string {
  switch (d.outcome) {
    case 'ran':
      return `Dry run (${d.command}), exit 0:`;
    case 'failed':
      return `Dry run (${d.command}) refused the spec (exit ${d.exitCode ?? 'none'}):`;
    case 'unsupported':
      return `Dry run: the agent host's rctl has no --dry-run (${d.command} said so):`;
    case 'not-run':
      return 'Dry run: not run (no dry-run command configured)';
  }
}

/** What the apply confirmation says: the counts, then every blocker and warning by name. */
export function planConfirmation(plan: ChangePlan, allowBlocked: boolean): { message: string; detail: string; apply: string | undefined } {
  const named = (level: PlanLevel, heading: string) => {
    const list = plan.items.filter((i) => i.level === level);
    if (list.length === 0) return [];
    return [heading, ...list.slice(0, 8).map((i) => `• ${i.label}`), ...(list.length > 8 ? [`… and ${list.length - 8} more (Show Plan lists all)`] : [])];
  };
  const message = plan.blocked
    ? `${plan.cluster}: the change plan is blocked (${planCounts(plan)}).${allowBlocked ? ' Apply despite the blockers?' : ''}`
    : `Apply ${plan.cluster}? ${plan.creates ? 'Creates the cluster: ' : ''}${planCounts(plan)}.`;
  const detail = [
    ...named('blocked', 'Blocked:'),
    ...named('warning', 'Warnings:'),
    plan.blocked && !allowBlocked ? 'A blocked plan is not applied. Change the file, or set mksGitops.plan.allowBlocked to apply it anyway.' : 'Show Plan opens the whole plan, one change per line.',
  ].join('\n');
  const apply = plan.blocked ? (allowBlocked ? 'Apply Despite Blockers' : undefined) : 'Apply';
  return { message, detail, apply };
}
