// The change plan on the agent host: the system's copy read through THE reader (systemReader.ts), classified
// by the sync model's planner (sync/changePlan.ts), and, where the agent host's rctl has one, its --dry-run of the
// uploaded spec. Used by the apply (before the apply command runs) and by the CLI's `plan`.
import { randomBytes } from 'node:crypto';
import { changePlan, planText, type ChangePlan, type DryRun, type PlanBaseline, type PlanSettings } from '../sync/changePlan';
import type { AgentConfig } from './agentConfig';
import type { SshConnection } from './connect';
import { exec, fill, shellQuote } from './remote';
import { clusterPaths, realPath, writeAtomically } from './remoteFiles';
import { findCluster } from '../sync/clusterDocuments';
import { systemSpecText, type SystemSnapshot } from '../sync/systemState';
import { readSystemState } from './systemReader';

export interface ApplyPlan {
  plan: ChangePlan;
  dryRun: DryRun;
  /** The whole plan as text, one change per line, with the dry run's output. */
  text: string;
}

export interface PlanOnHostOptions {
  spec: Record<string, unknown>;
  agent: AgentConfig;
  settings?: PlanSettings;
  /** The spec as uploaded to the agent host (the dry run runs on it); without it there is no dry run. */
  uploadedFile?: string;
  signal?: AbortSignal;
  /** The dry run's output as it comes. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

export async function planOnHost(conn: SshConnection, options: PlanOnHostOptions): Promise<ApplyPlan> {
  const metadata = (options.spec.metadata ?? {}) as Record<string, unknown>;
  const cluster = { name: String(metadata.name ?? ''), project: String(metadata.project ?? '') };
  const snapshot = await readSystemState({ pool: { agentHost: async () => conn }, agent: options.agent, cluster, signal: options.signal });
  const dryRun = await runDryRun(conn, options);
  const plan = changePlan(baselineOf(snapshot, cluster.name, options.agent), options.spec, options.settings);
  if (dryRun.outcome === 'failed') {
    const why = lastLine(dryRun.output) ?? 'no output';
    const level = options.settings?.levels['plan-dry-run-failed'] ?? 'blocked';
    plan.items.unshift({ rule: 'plan-dry-run-failed', level, label: `The dry run refused the spec (exit ${dryRun.exitCode ?? 'none'}): ${why}`, inferred: false });
    plan.counts[level]++;
    plan.blocked = plan.counts.blocked > 0;
  }
  return { plan, dryRun, text: planText(plan, dryRun) };
}

/** What the reader found, as the planner's baseline: the system's copy only when it can be read. */
export function baselineOf(snapshot: SystemSnapshot, cluster: string, agent: AgentConfig): PlanBaseline {
  const source = agent.statusCommand ? `the status command on ${agent.name} (${agent.statusCommand})` : `the last applied spec on ${agent.name}`;
  if (snapshot.kind === 'absent') return { kind: 'absent', source };
  if (snapshot.kind !== 'present') {
    const reason = snapshot.kind === 'cancelled' ? 'The read of the system was cancelled' : snapshot.reason;
    return { kind: 'unknown', source, reason };
  }
  const text = systemSpecText(snapshot);
  const spec = text !== undefined ? findCluster(text, cluster) : undefined;
  if (spec) return { kind: 'system', source, spec };
  const reason = snapshot.liveText !== undefined
    ? `The status command's output holds no readable Cluster spec for ${cluster}`
    : `The last applied spec of ${cluster} on ${agent.name} cannot be read (only its hash is recorded)`;
  return { kind: 'unknown', source, reason };
}

/** Go flag parsers (rctl is a Go program) say this for a flag they do not have. */
const UNKNOWN_FLAG = /unknown flag|unknown shorthand flag|flag provided but not defined/i;

async function runDryRun(conn: SshConnection, options: PlanOnHostOptions): Promise<DryRun> {
  const template = options.agent.dryRunCommand;
  if (!template || !options.uploadedFile) return { command: template, outcome: 'not-run', exitCode: null, output: '' };
  const metadata = (options.spec.metadata ?? {}) as Record<string, unknown>;
  const command = fill(template, { file: options.uploadedFile, name: String(metadata.name ?? ''), project: String(metadata.project ?? '') });
  const result = await exec(conn, command, {
    timeoutMs: options.agent.timeouts.commandSeconds * 1000,
    signal: options.signal,
    onStdout: (t) => options.onOutput?.('stdout', t),
    onStderr: (t) => options.onOutput?.('stderr', t),
  });
  const output = [result.stdout, result.stderr].filter((t) => t.trim() !== '').join('\n');
  if (result.code === 0) return { command, outcome: 'ran', exitCode: 0, output };
  if (UNKNOWN_FLAG.test(result.stderr)) return { command, outcome: 'unsupported', exitCode: result.code, output };
  return { command, outcome: 'failed', exitCode: result.code, output };
}

/**
 * For `mks-gitops plan`: uploads the spec next to the apply's revisions (`<cluster>/revisions/<time>-plan-<id>.yaml`)
 * so the dry run can read it. Nothing else on the agent host changes.
 */
export async function uploadForPlan(conn: SshConnection, agent: AgentConfig, cluster: string, content: string): Promise<string> {
  const paths = clusterPaths(agent.workdir, cluster);
  const made = await exec(conn, `mkdir -p ${shellQuote(paths.revisions)}`, { timeoutMs: agent.timeouts.commandSeconds * 1000 });
  if (made.code !== 0) throw new Error(`Cannot create ${paths.revisions} on ${conn.label}: ${lastLine(made.stderr) ?? `exit ${made.code}`}`);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = `${paths.revisions}/${stamp}-plan-${randomBytes(4).toString('hex')}.yaml`;
  const sftp = await conn.sftp();
  try {
    await conn.guard(writeAtomically(sftp, file, content));
    return await conn.guard(realPath(sftp, file));
  } finally {
    sftp.end();
  }
}

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).pop();
