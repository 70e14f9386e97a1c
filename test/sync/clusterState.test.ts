import { describe, expect, it } from 'vitest';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { clusterStatus, type ClusterInputs } from '../../client/src/sync/clusterState';
import type { GitSnapshot } from '../../client/src/sync/gitSnapshot';
import { stateStyles } from '../../client/src/sync/stateStyle';
import type { SystemSnapshot } from '../../client/src/sync/systemState';
import { specHash } from '../../client/src/sync/normalize';
import { edit, seed, seedAsSystem } from '../support/specs';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const clean: GitSnapshot = { kind: 'tracked', branch: 'main', commit: HEAD, headText: seed, dirty: false };
const live = (liveText: string, applied?: { commit?: string; specText?: string }): SystemSnapshot => ({
  kind: 'present',
  source: 'status command on agent-1',
  liveText,
  ...(applied ? { applied } : {}),
});
const recordOnly = (specText: string, commit: string): SystemSnapshot => ({
  kind: 'present',
  source: 'last-applied record on agent-1',
  applied: { specText, commit, appliedAt: '2026-11-25T10:00:00Z', appliedBy: 'alice' },
});

function status(overrides: Partial<ClusterInputs> & { fileText?: string } = {}) {
  const { fileText = seed, ...rest } = overrides;
  return clusterStatus({
    name: 'demo',
    file: findCluster(fileText, 'demo')!,
    validation: { errors: 0, warnings: 0 },
    git: clean,
    system: live(seedAsSystem),
    ...rest,
  });
}

describe('cluster state', () => {
  it('is in sync when the file, HEAD and the system mean the same', () => {
    const s = status();
    expect(s.state).toBe('in-sync');
    expect(s.gitComparison).toBe('same');
    expect(s.changes).toEqual([]);
  });

  it('stays in sync when the file differs from HEAD only in comments and order', () => {
    const reformatted = edit(seed, '# Seed cluster: one converged node', '# another comment');
    expect(status({ fileText: reformatted, git: { ...clean, dirty: true } }).state).toBe('in-sync');
  });

  it('is modified when the file differs from HEAD in meaning; not in Git (not modified) when untracked', () => {
    const edited = edit(seed, 'zone: a', 'zone: b');
    const s = status({ fileText: edited, git: { ...clean, dirty: true } });
    expect(s.state).toBe('modified');
    expect(s.changes.map((c) => c.label)).toEqual(['cp-1: label zone: a → b']);
    const untracked = status({ git: { kind: 'untracked', branch: 'main' } });
    expect(untracked.state).toBe('untracked');
    expect(stateStyles[untracked.state].word).toBe('not in Git');
    expect(untracked.reasons).toContain('The file (or this cluster) is not committed to Git yet.');
  });

  it('is invalid when the spec has errors, before anything else', () => {
    const s = status({ validation: { errors: 2, warnings: 0, firstError: 'privateIP is not an IPv4 address' }, git: { kind: 'untracked' } });
    expect(s.state).toBe('invalid');
    expect(s.reasons[0]).toBe('2 errors in the spec: privateIP is not an IPv4 address');
  });

  it('is unknown, unreachable or not in the system from the system snapshot', () => {
    expect(status({ system: undefined }).state).toBe('unknown');
    expect(status({ system: { kind: 'unknown', reason: 'no agent configured' } }).state).toBe('unknown');
    const unreachable = status({ system: { kind: 'unreachable', source: 'agent-1', reason: 'connect ECONNREFUSED 127.0.0.1:2222' } });
    expect(unreachable.state).toBe('unreachable');
    expect(unreachable.reasons).toContain('The agent could not be reached (agent-1): connect ECONNREFUSED 127.0.0.1:2222');
    expect(status({ system: { kind: 'absent', source: 'agent-1', reason: 'The controller does not know demo' } }).state).toBe('not-in-system');
  });

  it('says what the read found: auth failed, needs passphrase, status command missing or failed; a cancelled read is unchecked', () => {
    const auth = status({ system: { kind: 'auth-failed', source: 'agent-1', reason: 'Authentication refused by root@h:22 (tried key /k)' } });
    expect(auth).toMatchObject({ state: 'auth-failed', reasons: expect.arrayContaining(['Authentication to the agent failed (agent-1): Authentication refused by root@h:22 (tried key /k)']) });
    const locked = status({ system: { kind: 'needs-passphrase', source: 'agent-1', keyFile: '/home/u/.ssh/id_ed25519', reason: 'needs its passphrase' } });
    expect(locked).toMatchObject({ state: 'needs-passphrase', reasons: expect.arrayContaining(['The key /home/u/.ssh/id_ed25519 needs its passphrase (agent-1): use "Enter Passphrase".']) });
    const missing = status({ system: { kind: 'command-missing', source: 'status command on agent-1', command: 'rctl', reason: 'The status command "rctl" was not found on agent-1 (exit 127)' } });
    expect(missing.state).toBe('status-unavailable');
    expect(missing.reasons.join(' ')).not.toMatch(/no such cluster|does not know/);
    expect(status({ system: { kind: 'command-failed', source: 's', reason: 'The status command failed' } }).state).toBe('status-unavailable');
    expect(status({ system: { kind: 'cancelled', source: 'agent-1' } }).state).toBe('unknown');
  });

  it('compares by the recorded hash when the record has no spec text', () => {
    const file = findCluster(seed, 'demo')!;
    const byHash = (contentHash: string): SystemSnapshot => ({ kind: 'present', source: 'last-applied record on agent-1', applied: { contentHash, commit: HEAD } });
    expect(status({ system: byHash(specHash(file)) }).state).toBe('in-sync');
    const other = status({ system: byHash('sha256:0000') });
    expect(other.state).toBe('drifted');
    expect(other.reasons).toContain('No readable spec.yaml on the agent host (last-applied record on agent-1): compared by the recorded hash.');
  });

  it('is committed but not applied when the system still runs an older applied commit', () => {
    const older = edit(seedAsSystem, 'kubernetesVersion: "v1.34.1"', 'kubernetesVersion: "v1.33.4"');
    expect(status({ system: recordOnly(older, OLD) }).state).toBe('not-applied');
    expect(status({ system: live(older, { commit: OLD, specText: older }) }).state).toBe('not-applied');
    expect(status({ system: recordOnly(older, OLD) }).changes[0].label).toBe('Kubernetes version v1.33.4 → v1.34.1 (upgrade)');
  });

  it('is drifted when the live system differs from what was last applied, or from HEAD without a record', () => {
    const older = edit(seedAsSystem, 'kubernetesVersion: "v1.34.1"', 'kubernetesVersion: "v1.33.4"');
    const changedBehindGit = edit(seedAsSystem, 'labels: {zone: a}', 'labels: {zone: z}');
    expect(status({ system: live(changedBehindGit, { commit: HEAD, specText: seed }) }).state).toBe('drifted');
    expect(status({ system: live(changedBehindGit, { commit: OLD, specText: older }) }).state).toBe('drifted');
    expect(status({ system: live(changedBehindGit) }).state).toBe('drifted');
  });

  it('compares the file with the system directly outside a Git repository', () => {
    expect(status({ git: { kind: 'no-repository' } }).state).toBe('in-sync');
    const s = status({ git: { kind: 'no-repository' }, system: live(edit(seedAsSystem, 'installerTtl: 365', 'installerTtl: 30')) });
    expect(s.state).toBe('drifted');
    expect(s.changes.map((c) => c.label)).toEqual(['spec.config.installerTtl 30 removed']);
  });

  it('says so when the system answers without a readable spec', () => {
    const s = status({ system: live('this: is [not yaml') });
    expect(s.state).toBe('unknown');
    expect(s.reasons).toContain('The system answered (status command on agent-1) without a readable spec.');
  });
});
