// The agent's preflight report as the sync view shows it: one outcome and one line per node.
import type { CheckResult } from '../agent/preflightChecks';
import type { PreflightReport } from '../agent/preflight';
import type { NodePreflight, Outcome, PreflightRun } from '../sync/treeModel';

const OUTCOME: Record<CheckResult['status'], Outcome> = { pass: 'passed', warn: 'warning', unknown: 'warning', fail: 'failed' };

export function preflightRun(report: PreflightReport, at: Date): PreflightRun {
  const byHostname: Record<string, NodePreflight> = {};
  for (const node of report.nodes) {
    const checks = node.results.map((r) => ({ name: r.check, outcome: OUTCOME[r.status], message: r.message }));
    const failed = checks.filter((c) => c.outcome === 'failed');
    const warned = checks.filter((c) => c.outcome === 'warning');
    const outcome: Outcome = failed.length ? 'failed' : warned.length ? 'warning' : 'passed';
    const summary =
      outcome === 'passed' ? `all ${checks.length} checks passed` : (failed.length ? failed : warned).map((c) => c.message).join('; ');
    byHostname[node.hostname ?? `node ${node.index + 1}`] = { outcome, summary, checks };
  }
  return { at: at.toISOString(), byHostname };
}
