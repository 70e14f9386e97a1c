// Pull from System's confirmation: every change in the direction it is written (system value → file), checked
// against what the file becomes.
import { describe, expect, it } from 'vitest';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { fieldChanges } from '../../client/src/sync/fieldChanges';
import { normalizeCluster } from '../../client/src/sync/normalize';
import { pullConfirmation } from '../../client/src/sync/pullConfirmation';
import { pullFromSystem } from '../../client/src/sync/pullFromSystem';
import { edit, seed, seedAsSystem } from '../support/specs';

const system = edit(
  edit(edit(seedAsSystem, 'kubernetesVersion: "v1.34.1"', 'kubernetesVersion: "v1.33.5"'), 'labels: {zone: a}', 'labels: {zone: b}'),
  '      - hostname: wk-1\n        arch: amd64\n        operatingSystem: Ubuntu22.04\n        privateIP: 10.0.0.21\n',
  '      - hostname: wk-9\n        arch: amd64\n        operatingSystem: Ubuntu22.04\n        privateIP: 10.0.0.29\n',
);

describe('pull confirmation', () => {
  it('lists each change system → file, and the file becomes exactly that', () => {
    const c = pullConfirmation(seed, system, 'demo', 'clusters/demo.yaml')!;
    expect(c.message).toBe("Write the system's version of demo into clusters/demo.yaml? 4 changes, system → file:");
    expect(c.lines).toEqual([
      'kubernetesVersion: v1.33.5 (system) → file, was v1.34.1',
      'cp-1 labels.zone: b (system) → file, was a',
      'Node wk-1 (10.0.0.21, Worker): not in the system → removed from the file',
      'Node wk-9 (10.0.0.29, Worker): in the system → added to the file',
    ]);
    expect(c.detail.split('\n')).toEqual([...c.lines.map((l) => `• ${l}`), 'Comments and key order stay; the edit can be undone before saving.']);

    // Against the result: after the pull, the file holds every "(system)" value and none of the "was" ones,
    // and nothing is left to pull.
    const result = pullFromSystem(seed, system, 'demo');
    if (result.kind !== 'updated') throw new Error(result.kind);
    expect(result.text).toContain('kubernetesVersion: v1.33.5');
    expect(result.text).toContain('zone: b');
    expect(result.text).toContain('hostname: wk-9');
    expect(result.text).not.toContain('hostname: wk-1');
    const after = findCluster(result.text, 'demo')!;
    for (const change of c.changes) {
      const at = change.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), normalizeCluster(after));
      if (change.kind === 'removed') expect(at).toBeUndefined();
      else if (typeof at === 'string') expect(at).toBe(change.after);
      else expect(at).toBeDefined();
    }
    expect(fieldChanges(normalizeCluster(after), normalizeCluster(findCluster(system, 'demo')!))).toEqual([]);
    expect(pullConfirmation(result.text, system, 'demo', 'x')!.lines).toEqual([]);
  });

  it('is the opposite direction of the apply (the tree lists system → file as the apply changes it)', () => {
    const c = pullConfirmation(seed, system, 'demo', 'demo.yaml')!;
    const applyDirection = fieldChanges(normalizeCluster(findCluster(system, 'demo')!), normalizeCluster(findCluster(seed, 'demo')!));
    expect(applyDirection.find((x) => x.category === 'version')?.label).toBe('Kubernetes version v1.33.5 → v1.34.1 (upgrade)');
    expect(c.changes.find((x) => x.category === 'version')).toMatchObject({ before: 'v1.34.1', after: 'v1.33.5' });
  });

  it('undefined when a side holds no such cluster', () => {
    expect(pullConfirmation(seed, 'kind: Deployment', 'demo', 'x')).toBeUndefined();
  });
});
