// Preflight: every node in parallel (bounded), through the operation's connection pool. Per node ONE command
// reads the clock (remoteClock.ts) and gathers the facts; the pure checks in preflightChecks.ts judge them.
// Results map to engine Findings on the node's lines so the CLI and VS Code show them the same way.
import type { Finding, Severity } from '../../../server/src/engine/findings';
import type { YamlDocument, YamlFile } from '../../../server/src/engine/yamlFile';
import type { NodeTarget } from './nodes';
import { mapLimit } from './mapLimit';
import type { ConnectionPool } from './pool';
import {
  checkArch,
  checkClock,
  checkHostname,
  checkOperatingSystem,
  checkPorts,
  checkPrivateIp,
  checkSudo,
  checkSwap,
  FACTS_SCRIPT,
  splitSections,
  type CheckResult,
} from './preflightChecks';
import { exec } from './remote';
import { CLOCK_SCRIPT, ClockProbe, type ClockReading } from './remoteClock';
import { isControlPlane } from '../../../server/src/engine/support/clusterView';
import type { SshConnection } from './connect';

export interface PreflightOptions {
  pool: ConnectionPool;
  targets: NodeTarget[];
  parallelism: number;
  commandTimeoutMs: number;
  /** Largest clock difference to the agent host that passes (seconds). */
  maxClockSkewSeconds: number;
  signal?: AbortSignal;
  /** Called as each node finishes (progress). */
  onNode?: (report: NodeReport) => void;
}

export interface NodeReport {
  index: number;
  hostname: string | undefined;
  /** user@address:port, or undefined when the spec gives no address. */
  address: string | undefined;
  results: CheckResult[];
}

export interface PreflightSummary {
  nodes: number;
  passed: number;
  failed: number;
  warnings: number;
  unknown: number;
}

export interface PreflightReport {
  /** On a cancel: only the nodes whose checks finished before it. */
  nodes: NodeReport[];
  summary: PreflightSummary;
  /** No check failed and the run was not cancelled (warnings and unknowns are the caller's to weigh). */
  ok: boolean;
  /** The signal was aborted: the run says nothing about the nodes it did not finish, and yields no findings. */
  cancelled: boolean;
  /** How many nodes the spec has (on a cancel, more than `nodes`). */
  planned: number;
}

export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 2;

export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const agentClock = options.pool
    .agentHost()
    .then((conn) => runWithClock(conn, CLOCK_SCRIPT, options))
    .then(
      (r) => r.clock,
      (error: Error): ClockReading => ({ offset: undefined, uncertainty: 0, raw: error.message }),
    );
  const cancelled = () => options.signal?.aborted === true;
  const reports = await mapLimit(options.targets, options.parallelism, async (target) => {
    if (cancelled()) return undefined;
    const report = await checkNode(target, options, agentClock);
    // A node whose checks were cut short by the cancel has no result: it is not reported (nor failed).
    if (cancelled()) return undefined;
    options.onNode?.(report);
    return report;
  });
  const nodes = reports.filter((r): r is NodeReport => r !== undefined);
  const aborted = cancelled();
  return { nodes, summary: summarize(nodes), ok: !aborted && nodes.every((n) => n.results.every((r) => r.status !== 'fail')), cancelled: aborted, planned: options.targets.length };
}

async function checkNode(t: NodeTarget, options: PreflightOptions, agentClock: Promise<ClockReading>): Promise<NodeReport> {
  const base = { index: t.node.index, hostname: t.node.hostname };
  if (!t.target) return { ...base, address: undefined, results: [{ check: 'reachable', status: 'fail', message: t.problem ?? 'no address' }] };
  let address = `${t.target.username}@${t.target.host}:${t.target.port}`;
  let conn: SshConnection;
  try {
    conn = await options.pool.node(t.target);
  } catch (error) {
    return { ...base, address, results: [{ check: 'reachable', status: 'fail', message: (error as Error).message }] };
  }
  // As connected: ~/.ssh/config may have given the node another address, port or user.
  address = `${conn.target.username}@${conn.target.host}:${conn.target.port}`;
  const results: CheckResult[] = [{ check: 'reachable', status: 'pass', message: `reached ${address}` }];
  try {
    const { stdout, clock } = await runWithClock(conn, `${CLOCK_SCRIPT}; ${FACTS_SCRIPT}`, options);
    const s = splitSections(stdout);
    results.push(
      checkHostname(t.node, s.hostname),
      checkArch(t.node, s.arch),
      checkOperatingSystem(t.node, s['os-release']),
      checkPrivateIp(t.node, s.addresses),
      checkSudo(s.sudo, conn.target.username),
      checkSwap(s.swaps),
    );
    if (isControlPlane(t.node)) results.push(checkPorts(s.ports));
    const agent = await agentClock;
    const skew = clock.offset !== undefined && agent.offset !== undefined ? clock.offset - agent.offset : undefined;
    const raw = agent.offset === undefined ? `agent host: ${agent.raw}` : clock.raw;
    results.push(checkClock(skew, options.maxClockSkewSeconds, raw, clock.uncertainty + agent.uncertainty));
  } catch (error) {
    results.push({ check: 'reachable', status: 'fail', message: `Checks on ${address} did not finish: ${(error as Error).message}` });
  }
  return { ...base, address, results };
}

/** Runs a script that starts with CLOCK_SCRIPT: its output, and the clock reading taken on the way. */
async function runWithClock(conn: SshConnection, script: string, options: PreflightOptions): Promise<{ stdout: string; clock: ClockReading }> {
  const probe = new ClockProbe();
  const { stdout } = await exec(conn, script, { onStart: probe.onStart, onStdout: probe.onStdout, timeoutMs: options.commandTimeoutMs, signal: options.signal });
  return { stdout, clock: probe.reading() };
}

function summarize(nodes: NodeReport[]): PreflightSummary {
  const all = nodes.flatMap((n) => n.results);
  const count = (status: CheckResult['status']) => all.filter((r) => r.status === status).length;
  return { nodes: nodes.length, passed: count('pass'), failed: count('fail'), warnings: count('warn'), unknown: count('unknown') };
}

/** "Preflight passed" only with no warning (nor unknown); else "passed with N warnings", "failed", "cancelled". */
export function summaryText(report: PreflightReport): string {
  const s = report.summary;
  const bad = report.nodes.filter((n) => n.results.some((r) => r.status === 'fail')).length;
  const counts = `${s.passed} checks passed, ${s.failed} failed, ${s.warnings} warnings, ${s.unknown} unknown`;
  if (report.cancelled) return `Preflight cancelled: ${s.nodes} of ${report.planned} node(s) checked before the cancel; no result is kept`;
  // Every node stopped at the same connection error (the agent host, the key, the SSH config): one cause, said once.
  const reasons = new Set(report.nodes.map((n) => (n.results.length === 1 && n.results[0].check === 'reachable' && n.results[0].status === 'fail' ? n.results[0].message : undefined)));
  if (!report.ok && report.nodes.length > 1 && reasons.size === 1 && !reasons.has(undefined)) {
    return `Preflight failed: none of the ${s.nodes} nodes could be reached: ${[...reasons][0]}`;
  }
  if (!report.ok) return `Preflight failed: ${s.nodes} node(s), ${bad} with failures; ${counts}`;
  const warnings = s.warnings + s.unknown;
  if (warnings > 0) return `Preflight passed with ${warnings} warning${warnings === 1 ? '' : 's'}: ${s.nodes} node(s); ${counts}`;
  return `Preflight passed: ${s.nodes} node(s), all ${s.passed} checks passed`;
}

const SEVERITY: Record<CheckResult['status'], Severity | undefined> = { pass: undefined, fail: 'error', warn: 'warning', unknown: 'warning' };

/** Non-passing results as engine Findings on the node's YAML (its field where the result names one). */
export function preflightFindings(report: PreflightReport, file: YamlFile, document: YamlDocument): Finding[] {
  if (report.cancelled) return [];
  return report.nodes.flatMap((node) =>
    node.results.flatMap((r) => {
      const severity = SEVERITY[r.status];
      if (!severity) return [];
      // A result about the whole node goes on its first line (`- hostname:`), not over the whole block.
      const path = ['spec', 'config', 'nodes', node.index, ...(r.field ?? ['hostname'])];
      const range = file.rangeAt(document, path, r.field ? 'value' : 'key');
      return [{ code: `preflight-${r.check}`, severity, message: `${node.hostname ?? `node ${node.index}`}: ${r.message}`, range }];
    }),
  );
}
