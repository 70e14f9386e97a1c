import { describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../client/src/agent/preflight';
import { preflightRun } from '../../client/src/sshActions/preflightRun';

const report: PreflightReport = {
  ok: false,
  cancelled: false,
  planned: 3,
  summary: { nodes: 3, passed: 3, failed: 1, warnings: 1, unknown: 0 },
  nodes: [
    { index: 0, hostname: 'cp-1', address: 'ubuntu@10.0.0.11:22', results: [{ check: 'reachable', status: 'pass', message: 'reached' }, { check: 'swap', status: 'pass', message: 'swap off' }] },
    { index: 1, hostname: 'wk-1', address: 'ubuntu@10.0.0.21:22', results: [{ check: 'reachable', status: 'pass', message: 'reached' }, { check: 'swap', status: 'fail', message: 'swap is on' }] },
    { index: 2, hostname: undefined, address: undefined, results: [{ check: 'clock', status: 'warn', message: 'clock 1.5 s ahead' }] },
  ],
};

describe('preflight run for the tree', () => {
  it('gives each node one outcome and a line naming what failed or warned', () => {
    const run = preflightRun(report, new Date('2026-11-25T12:00:00Z'));
    expect(run.at).toBe('2026-11-25T12:00:00.000Z');
    expect(run.byHostname['cp-1']).toMatchObject({ outcome: 'passed', summary: 'all 2 checks passed' });
    expect(run.byHostname['wk-1']).toMatchObject({ outcome: 'failed', summary: 'swap is on' });
    expect(run.byHostname['node 3']).toMatchObject({ outcome: 'warning', summary: 'clock 1.5 s ahead' });
    expect(run.byHostname['wk-1'].checks).toEqual([
      { name: 'reachable', outcome: 'passed', message: 'reached' },
      { name: 'swap', outcome: 'failed', message: 'swap is on' },
    ]);
  });
});
