// The sync view as plain data: Project → cluster → Git / System / Nodes / Changes, with labels, one-word
// descriptions, markdown tooltips and icons. The VS Code TreeDataProvider only maps these to TreeItems.
import type { ClusterDocument } from './clusterDocuments';
import type { ClusterStatus, ValidationSummary } from './clusterState';
import type { FieldChange } from './fieldChanges';
import { shortCommit, type GitSnapshot } from './gitSnapshot';
import { stateStyles, type Icon } from './stateStyle';
import { controllerCondition, type SystemSnapshot } from './systemState';

export type Outcome = 'passed' | 'warning' | 'failed';

export interface NodePreflight {
  outcome: Outcome;
  /** One line, e.g. "all 9 checks passed" or "swap is on". */
  summary: string;
  checks: { name: string; outcome: Outcome; message: string }[];
}

export interface PreflightRun {
  /** ISO time of the run. */
  at: string;
  byHostname: Record<string, NodePreflight>;
}

export interface ClusterEntry {
  /** URI (string) of the file holding the cluster. */
  file: string;
  /** The file's path relative to the workspace, for people. */
  relativePath: string;
  cluster: ClusterDocument;
  validation: ValidationSummary;
  git: GitSnapshot;
  system: SystemSnapshot | undefined;
  status: ClusterStatus;
  preflight?: PreflightRun;
}

export type TreeNodeKind = 'project' | 'cluster' | 'git' | 'system' | 'nodes' | 'node' | 'changes' | 'change';

export interface TreeNode {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  kind: TreeNodeKind;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: Icon;
  /** For `when` clauses in menus: `mks.<kind>` plus the state for clusters, e.g. `mks.cluster.drifted`. */
  contextValue: string;
  children: TreeNode[];
  expanded?: boolean;
  /** Where a click goes (the spec file, 0-based line). */
  open?: { file: string; line: number };
  /** The cluster this node belongs to (command arguments from context menus). */
  cluster?: { file: string; name: string };
}

export function buildTree(entries: readonly ClusterEntry[], now: Date): TreeNode[] {
  const byProject = new Map<string, ClusterEntry[]>();
  for (const entry of entries) {
    const list = byProject.get(entry.cluster.project) ?? [];
    list.push(entry);
    byProject.set(entry.cluster.project, list);
  }
  return [...byProject.keys()].sort().map((project) => {
    const clusters = byProject.get(project)!.sort((a, b) => a.cluster.name.localeCompare(b.cluster.name) || a.file.localeCompare(b.file));
    return {
      id: `project:${project}`,
      kind: 'project' as const,
      label: project,
      description: countWords(clusters),
      tooltip: `**Project ${md(project)}**\n\n${clusters.length} cluster spec${clusters.length === 1 ? '' : 's'} in the workspace.`,
      icon: { id: 'project' },
      contextValue: 'mks.project',
      expanded: true,
      children: clusters.map((entry) => clusterNode(entry, now)),
    };
  });
}

/** The tree id of a cluster (a spec is known by its file and name); the controller keys its answers by it too. */
export function clusterNodeId(file: string, name: string): string {
  return `cluster:${file}#${name}`;
}

function clusterNode(entry: ClusterEntry, now: Date): TreeNode {
  const style = stateStyles[entry.status.state];
  const id = clusterNodeId(entry.file, entry.cluster.name);
  const ref = { file: entry.file, name: entry.cluster.name };
  return {
    id,
    kind: 'cluster',
    label: entry.cluster.name,
    description: style.word,
    tooltip: clusterTooltip(entry),
    icon: style.icon,
    contextValue: `mks.cluster.${entry.status.state}`,
    open: { file: entry.file, line: entry.cluster.line },
    cluster: ref,
    children: [gitNode(entry, id, ref), systemNode(entry, id, ref, now), nodesNode(entry, id, ref), changesNode(entry, id, ref)],
  };
}

function clusterTooltip(entry: ClusterEntry): string {
  const style = stateStyles[entry.status.state];
  const lines = [
    `**${md(entry.cluster.name)}** — ${style.word}`,
    '',
    style.meaning,
    '',
    ...entry.status.reasons.map((r) => `- ${md(r)}`),
    '',
    `Project \`${entry.cluster.project}\` · \`${entry.relativePath}\``,
  ];
  if (entry.status.changes.length > 0) lines.push('', `${count(entry.status.changes.length, 'field change')} between the file and the system.`);
  return lines.join('\n');
}

function gitNode(entry: ClusterEntry, parent: string, cluster: TreeNode['cluster']): TreeNode {
  const git = entry.git;
  const base = { id: `${parent}/git`, kind: 'git' as const, label: 'Git', contextValue: 'mks.git', children: [], cluster };
  switch (git.kind) {
    case 'no-repository':
      return { ...base, description: 'no repository', icon: { id: 'source-control' }, tooltip: 'The file is not in a Git repository.' };
    case 'error':
      return { ...base, description: 'unavailable', icon: { id: 'source-control', color: 'problemsWarningIcon.foreground' }, tooltip: `Git could not be read: ${md(git.reason)}` };
    case 'untracked':
      return { ...base, description: `${git.branch ?? 'detached'} · untracked`, icon: { id: 'source-control', color: 'gitDecoration.untrackedResourceForeground' }, tooltip: `\`${entry.relativePath}\` is not committed yet.` };
    case 'tracked': {
      const words = [git.branch ?? 'detached', shortCommit(git.commit) ?? '', git.dirty ? 'modified' : 'clean', remoteWords(git)].filter((w) => w !== '');
      const tooltip = [
        `**Git** — ${git.dirty ? 'modified (not committed)' : 'clean'}`,
        '',
        `- Branch: \`${git.branch ?? 'detached HEAD'}\``,
        `- Commit: \`${git.commit ?? 'unknown'}\``,
        ...(git.upstream ? [`- Upstream: \`${git.upstream}\` (${git.ahead ?? 0} ahead, ${git.behind ?? 0} behind)`] : ['- No upstream branch']),
        ...(entry.status.gitComparison === 'same' && git.dirty ? ['', 'The text differs from HEAD but the spec means the same (comments, order or formatting).'] : []),
      ].join('\n');
      const color = git.dirty ? 'gitDecoration.modifiedResourceForeground' : undefined;
      return { ...base, description: words.join(' · '), icon: { id: 'git-commit', ...(color ? { color } : {}) }, tooltip };
    }
  }
}

function remoteWords(git: Extract<GitSnapshot, { kind: 'tracked' }>): string {
  if (!git.upstream) return '';
  const parts = [git.ahead ? `${git.ahead} ahead` : '', git.behind ? `${git.behind} behind` : ''].filter((p) => p !== '');
  return parts.join(', ');
}

function systemNode(entry: ClusterEntry, parent: string, cluster: TreeNode['cluster'], now: Date): TreeNode {
  const base = { id: `${parent}/system`, kind: 'system' as const, label: 'System', contextValue: 'mks.system', children: [], cluster };
  const system = entry.system;
  if (!system) return { ...base, description: 'not checked yet', icon: { id: 'cloud' }, tooltip: 'Refresh to ask the agent host.' };
  switch (system.kind) {
    case 'unknown':
      return { ...base, description: 'not checked', icon: { id: 'cloud' }, tooltip: md(system.reason) };
    case 'unreachable':
      return { ...base, description: 'unreachable', icon: { id: 'debug-disconnect', color: 'problemsWarningIcon.foreground' }, tooltip: `**Agent unreachable** (${md(system.source)})\n\n${md(system.reason)}` };
    case 'absent':
      return { ...base, description: 'not in the system', icon: { id: 'cloud', color: 'charts.purple' }, tooltip: `The system has no cluster named \`${entry.cluster.name}\` (${md(system.source)}).` };
    case 'present': {
      const applied = system.applied;
      const when = applied?.appliedAt ? relativeTime(applied.appliedAt, now) : undefined;
      const condition = controllerCondition(system.liveText);
      const words = applied
        ? ['applied', when, applied.appliedBy ? `by ${applied.appliedBy}` : undefined, applied.commit ? `@ ${shortCommit(applied.commit)}` : undefined]
        : ['reported by the status command'];
      if (condition) words.push(`· ${condition.status}`);
      const tooltip = [
        `**System** (${md(system.source)})`,
        '',
        ...(applied
          ? [
              `- Last applied: ${applied.appliedAt ?? 'unknown time'}${when ? ` (${when})` : ''}`,
              `- By: ${applied.appliedBy ?? 'unknown'}`,
              `- Commit: \`${applied.commit ?? 'unknown'}\``,
              ...(applied.taskset ? [`- Taskset: \`${applied.taskset}\``] : []),
            ]
          : ['- No apply record on the agent host']),
        ...(condition ? ['', `Controller: **${md(condition.status)}**${condition.reason ? ` — ${md(condition.reason)}` : ''}`] : []),
      ].join('\n');
      return { ...base, contextValue: 'mks.system.present', description: words.filter((w) => w).join(' '), icon: { id: 'cloud' }, tooltip };
    }
  }
}

function nodesNode(entry: ClusterEntry, parent: string, cluster: TreeNode['cluster']): TreeNode {
  const id = `${parent}/nodes`;
  const preflight = entry.preflight;
  const children = entry.cluster.nodes.map((node): TreeNode => {
    const result = preflight?.byHostname[node.hostname];
    const facts = [node.roles.join(', '), node.privateIP].filter((f): f is string => !!f);
    return {
      id: `${id}/${node.hostname}`,
      kind: 'node',
      label: node.hostname,
      description: [...facts, result ? result.summary : undefined].filter((f) => f).join(' · '),
      tooltip: nodeTooltip(node.hostname, facts, result, preflight?.at),
      icon: result ? outcomeIcon[result.outcome] : { id: 'server' },
      contextValue: result ? `mks.node.${result.outcome}` : 'mks.node',
      open: { file: entry.file, line: node.line },
      cluster,
      children: [],
    };
  });
  const failed = Object.values(preflight?.byHostname ?? {}).filter((r) => r.outcome === 'failed').length;
  const description = [count(children.length, 'node'), preflight ? (failed ? `${failed} failed preflight` : 'preflight passed') : ''].filter((d) => d).join(' · ');
  return { id, kind: 'nodes', label: 'Nodes', description, icon: { id: 'server-environment' }, contextValue: 'mks.nodes', children, cluster };
}

const outcomeIcon: Record<Outcome, Icon> = {
  passed: { id: 'pass', color: 'testing.iconPassed' },
  warning: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  failed: { id: 'error', color: 'problemsErrorIcon.foreground' },
};

function nodeTooltip(hostname: string, facts: string[], result: NodePreflight | undefined, at: string | undefined): string {
  const lines = [`**${md(hostname)}**`, '', facts.map(md).join(' · ')];
  if (!result) lines.push('', 'No preflight run yet.');
  else {
    lines.push('', `Preflight${at ? ` (${at})` : ''}: **${result.outcome}** — ${md(result.summary)}`, '');
    for (const check of result.checks) lines.push(`- ${check.outcome === 'passed' ? '✓' : check.outcome === 'warning' ? '⚠' : '✗'} ${md(check.name)}: ${md(check.message)}`);
  }
  return lines.join('\n');
}

function changesNode(entry: ClusterEntry, parent: string, cluster: TreeNode['cluster']): TreeNode {
  const id = `${parent}/changes`;
  const known = entry.system?.kind === 'present';
  const changes = entry.status.changes;
  const children = changes.map((change, i): TreeNode => ({
    id: `${id}/${i}:${change.path.join('.')}`,
    kind: 'change',
    label: change.label,
    tooltip: changeTooltip(change),
    icon: changeIcon[change.kind],
    contextValue: `mks.change.${change.kind}`,
    cluster,
    children: [],
  }));
  const absent = entry.system?.kind === 'absent';
  const description = absent ? 'all new' : !known ? 'system unknown' : changes.length === 0 ? 'none' : count(changes.length, 'field');
  return {
    id,
    kind: 'changes',
    label: 'Changes',
    description,
    tooltip: 'Field-level differences between the file and the system (what an apply would change). Order, comments and defaults are ignored.',
    icon: { id: 'diff' },
    contextValue: known && changes.length > 0 ? 'mks.changes.some' : 'mks.changes',
    children,
    cluster,
  };
}

const changeIcon: Record<FieldChange['kind'], Icon> = {
  added: { id: 'diff-added', color: 'gitDecoration.addedResourceForeground' },
  removed: { id: 'diff-removed', color: 'gitDecoration.deletedResourceForeground' },
  changed: { id: 'diff-modified', color: 'gitDecoration.modifiedResourceForeground' },
};

function changeTooltip(change: FieldChange): string {
  return [
    `**${md(change.label)}**`,
    '',
    `\`${change.path.join('.')}\``,
    '',
    `- System: ${change.before !== undefined ? `\`${change.before}\`` : '*(absent)*'}`,
    `- File: ${change.after !== undefined ? `\`${change.after}\`` : '*(absent)*'}`,
  ].join('\n');
}

/** "3 synced, 1 drifted" for a project, in the order the states are declared. */
function countWords(entries: readonly ClusterEntry[]): string {
  return Object.entries(stateStyles)
    .map(([state, style]) => [entries.filter((e) => e.status.state === state).length, style.word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
}

/** "5 min ago", "3 h ago", "2 days ago"; the ISO text itself when it cannot be read. */
export function relativeTime(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now.getTime() - then) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Escapes the markdown that could change how names and messages show (emphasis, code, links, html, tables). */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}
