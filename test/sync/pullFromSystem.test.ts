import { describe, expect, it } from 'vitest';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { sameCluster } from '../../client/src/sync/normalize';
import { pullFromSystem, smallestEdit } from '../../client/src/sync/pullFromSystem';
import { edit, seed, seedAsSystem } from '../support/specs';

function pulled(fileText: string, systemText: string): string {
  const result = pullFromSystem(fileText, systemText, 'demo');
  if (result.kind !== 'updated') throw new Error(`expected an update, got ${JSON.stringify(result)}`);
  return result.text;
}

describe('pull from system', () => {
  it('leaves a file alone when it already means what the system runs', () => {
    expect(pullFromSystem(seed, seedAsSystem, 'demo')).toEqual({ kind: 'unchanged' });
  });

  it('changes only the changed values; comments, key order and quoting survive', () => {
    const system = edit(edit(seedAsSystem, 'kubernetesVersion: "v1.34.1"', 'kubernetesVersion: "v1.35.0"'), 'labels: {zone: a}', 'labels: {zone: b}');
    const text = pulled(seed, system);
    expect(text).toBe(edit(edit(seed, 'v1.34.1   # pinned', 'v1.35.0 # pinned'), 'zone: a', 'zone: b').replace('name: demo        # cluster name', 'name: demo # cluster name'));
    expect(sameCluster(findCluster(text, 'demo'), findCluster(system, 'demo'))).toBe(true);
  });

  it('removes nodes the system does not have and appends the ones it adds, keeping the others in place', () => {
    const system = edit(
      seedAsSystem,
      '      - hostname: wk-1\n        arch: amd64\n        operatingSystem: Ubuntu22.04\n        privateIP: 10.0.0.21\n',
      '      - hostname: wk-9\n        arch: arm64\n        operatingSystem: Ubuntu22.04\n        privateIP: 10.0.0.29\n',
    );
    const text = pulled(seed, system);
    expect(text).toContain('# the first control plane\n      - hostname: cp-1');
    expect(text).not.toContain('wk-1');
    expect(text.indexOf('hostname: wk-9')).toBeGreaterThan(text.indexOf('hostname: cp-1'));
    expect(sameCluster(findCluster(text, 'demo'), findCluster(system, 'demo'))).toBe(true);
  });

  it('does not copy status or server-populated metadata into the file, and keeps spelled-out defaults', () => {
    const text = pulled(seed, edit(seedAsSystem, 'autoApproveNodes: true', 'autoApproveNodes: false'));
    expect(text).not.toMatch(/status:|modifiedAt|createdBy|conditionStatus/);
    expect(text).toContain('    version: latest\n');
    expect(text).toContain('autoApproveNodes: false');
  });

  it('rewrites only the cluster document of a multi-document file', () => {
    const other = '---\n# a workload, untouched\napiVersion: apps/v1\nkind: Deployment\nmetadata:   {name: web}\n';
    const text = pulled(seed + other, edit(seedAsSystem, 'zone: a', 'zone: c'));
    expect(text.endsWith(other)).toBe(true);
    expect(text).toContain('zone: c');
  });

  it('refuses with a reason when either side has no such cluster', () => {
    expect(pullFromSystem('kind: ConfigMap\n', seedAsSystem, 'demo')).toEqual({ kind: 'failed', reason: 'The file has no readable Cluster document named "demo".' });
    expect(pullFromSystem(seed, 'error: not found', 'demo')).toEqual({ kind: 'failed', reason: `The system's answer holds no readable Cluster spec for "demo".` });
  });
});

describe('smallest edit', () => {
  it('replaces only the differing middle, so applying it gives the new text', () => {
    const before = 'a: 1\nb: 2\nc: 3\n';
    const after = 'a: 1\nb: 20\nc: 3\n';
    const edit = smallestEdit(before, after);
    expect(edit).toEqual({ start: 9, end: 9, text: '0' });
    expect(before.slice(0, edit.start) + edit.text + before.slice(edit.end)).toBe(after);
  });

  it('handles insertions, deletions and identical texts', () => {
    for (const [before, after] of [['abc', 'abXc'], ['abXc', 'abc'], ['same', 'same'], ['', 'new'], ['aaa', 'aa']]) {
      const e = smallestEdit(before, after);
      expect(before.slice(0, e.start) + e.text + before.slice(e.end)).toBe(after);
    }
    expect(smallestEdit('same', 'same')).toEqual({ start: 4, end: 4, text: '' });
  });
});
