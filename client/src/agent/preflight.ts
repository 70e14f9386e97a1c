// Preflight: every node in parallel (bounded), through the operation's connection pool. Per node one command
// gathers the facts, one more reads the clock; the pure checks in preflightChecks.ts judge them. Results map
// to engine Findings on the node's lines so the CLI and VS Code show them the same way.
import type { Finding, Severity } from '../../../server/src/engine/findings';
import type { YamlDocument, YamlFile } from '../../../server/src/engine/yamlFile';
import type { NodeTarget } from './nodes';
import { mapLimit, type ConnectionPool } from './pool';
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
  parseEpoch,
  splitSections,
  type CheckResult,
} from './preflightChecks';
import { exec } from './remote';
import { isControlPlane } from '../../../server/src/engine/rules/clusterView';
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
  nodes: NodeReport[];
  summary: PreflightSummary;
  /** No check failed (warnings and unknowns are the caller's to weigh). */
  ok: boolean;
}

export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 2;

export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const agentOffset = clockOffset(options.pool.agentHost(), options);
  const nodes = await mapLimit(options.targets, options.parallelism, async (target) => {
    const report = await checkNode(target, options, agentOffset);
    options.onNode?.(report);
    return report;
  });
  return { nodes, summary: summarize(nodes), ok: nodes.every((n) => n.results.every((r) => r.status !== 'fail')) };
}

async function checkNode(t: NodeTarget, options: PreflightOptions, agentOffset: Promise<Offset>): Promise<NodeReport> {
  const base = { index: t.node.index, hostname: t.node.hostname };
  if (!t.target) return { ...base, address: undefined, results: [{ check: 'reachable', status: 'fail', message: t.problem ?? 'no address' }] };
  const address = `${t.target.username}@${t.target.host}:${t.target.port}`;
  let conn: SshConnection;
  try {
    conn = await options.pool.node(t.target);
  } catch (error) {
    return { ...base, address, results: [{ check: 'reachable', status: 'fail', message: (error as Error).message }] };
  }
  const results: CheckResult[] = [{ check: 'reachable', status: 'pass', message: `reached ${address}` }];
  try {
    const facts = await exec(conn, FACTS_SCRIPT, { timeoutMs: options.commandTimeoutMs, signal: options.signal });
    const s = splitSections(facts.stdout);
    results.push(
      checkHostname(t.node, s.hostname),
      checkArch(t.node, s.arch),
      checkOperatingSystem(t.node, s['os-release']),
      checkPrivateIp(t.node, s.addresses),
      checkSudo(s.sudo, t.target.username),
      checkSwap(s.swaps),
    );
    if (isControlPlane(t.node)) results.push(checkPorts(s.ports));
    const [node, agent] = await Promise.all([clockOffset(Promise.resolve(conn), options), agentOffset]);
    const skew = node.offset !== undefined && agent.offset !== undefined ? node.offset - agent.offset : undefined;
    results.push(checkClock(skew, options.maxClockSkewSeconds, agent.offset === undefined ? `agent host: ${agent.raw}` : node.raw));
  } catch (error) {
    results.push({ check: 'reachable', status: 'fail', message: `Checks on ${address} did not finish: ${(error as Error).message}` });
  }
  return { ...base, address, results };
}

interface Offset {
  /** Remote clock minus ours, in seconds (at the midpoint of the round trip). */
  offset: number | undefined;
  raw: string;
}

async function clockOffset(connection: Promise<SshConnection>, options: PreflightOptions): Promise<Offset> {
  try {
    const conn = await connection;
    const before = Date.now();
    const { stdout } = await exec(conn, 'date +%s.%N', { timeoutMs: options.commandTimeoutMs, signal: options.signal });
    const after = Date.now();
    const remote = parseEpoch(stdout);
    return { offset: remote === undefined ? undefined : remote - (before + after) / 2000, raw: stdout };
  } catch (error) {
    return { offset: undefined, raw: (error as Error).message };
  }
}

function summarize(nodes: NodeReport[]): PreflightSummary {
  const all = nodes.flatMap((n) => n.results);
  const count = (status: CheckResult['status']) => all.filter((r) => r.status === status).length;
  return { nodes: nodes.length, passed: count('pass'), failed: count('fail'), warnings: count('warn'), unknown: count('unknown') };
}

export function summaryText(report: PreflightReport): string {
  const s = report.summary;
  const bad = report.nodes.filter((n) => n.results.some((r) => r.status === 'fail')).length;
  return `Preflight: ${s.nodes} node(s), ${bad} with failures; ${s.passed} checks passed, ${s.failed} failed, ${s.warnings} warnings, ${s.unknown} unknown`;
}

const SEVERITY: Record<CheckResult['status'], Severity | undefined> = { pass: undefined, fail: 'error', warn: 'warning', unknown: 'warning' };

/** Non-passing results as engine Findings on the node's YAML (its field where the result names one). */
export function preflightFindings(report: PreflightReport, file: YamlFile, document: YamlDocument): Finding[] {
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
