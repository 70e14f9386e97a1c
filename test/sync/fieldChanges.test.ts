import { describe, expect, it } from 'vitest';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { compareVersions, displayPath, fieldChanges } from '../../client/src/sync/fieldChanges';
import { normalizeCluster } from '../../client/src/sync/normalize';
import { edit, seed, seedAsSystem } from '../support/specs';

/** Changes an apply of `fileText` would make to a system running `systemText`. */
const changes = (fileText: string, systemText = seedAsSystem) =>
  fieldChanges(normalizeCluster(findCluster(systemText, 'demo')), normalizeCluster(findCluster(fileText, 'demo')));

const newNode = `      - hostname: wk-2
        privateIP: 10.0.0.22
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
`;

describe('field-level changes', () => {
  it('finds none between semantically equal specs', () => {
    expect(changes(seed)).toEqual([]);
  });

  it('reports a Kubernetes upgrade and downgrade', () => {
    expect(changes(edit(seed, 'v1.34.1', 'v1.35.0'))).toEqual([
      expect.objectContaining({ kind: 'changed', category: 'version', label: 'Kubernetes version v1.34.1 → v1.35.0 (upgrade)', before: 'v1.34.1', after: 'v1.35.0' }),
    ]);
    expect(changes(edit(seed, 'v1.34.1', 'v1.33.5'))[0].label).toBe('Kubernetes version v1.34.1 → v1.33.5 (downgrade)');
  });

  it('reports a node added and a node removed by hostname, as one change each', () => {
    const added = changes(seed + newNode);
    expect(added).toEqual([expect.objectContaining({ kind: 'added', category: 'node', node: 'wk-2', label: 'Node wk-2 added (10.0.0.22, Worker)' })]);
    const removed = changes(seed, seed + newNode);
    expect(removed).toEqual([expect.objectContaining({ kind: 'removed', category: 'node', node: 'wk-2', label: 'Node wk-2 removed (10.0.0.22, Worker)' })]);
  });

  it('reports labels, taints and roles per node', () => {
    const file = edit(edit(edit(seed, 'zone: a', 'zone: b\n          tier: gold'), 'effect: NoSchedule', 'effect: NoExecute'), 'roles: [Worker]', 'roles: [Worker, Storage]');
    const labels = changes(file).map((c) => [c.category, c.label]);
    expect(labels).toEqual([
      ['labels', 'cp-1: label tier=gold added'],
      ['labels', 'cp-1: label zone: a → b'],
      ['roles', 'wk-1: roles Worker → Storage, Worker'],
      ['taints', 'wk-1: taint infra=true:NoExecute added'],
      ['taints', 'wk-1: taint infra=true:NoSchedule removed'],
    ]);
  });

  it('reports other fields by path, with network and blueprint named', () => {
    const file = edit(edit(edit(seed, 'name: minimal', 'name: default'), 'podSubnet: 10.244.0.0/16', 'podSubnet: 10.245.0.0/16'), 'privateIP: 10.0.0.21', 'privateIP: 10.0.0.29');
    expect(changes(file).map((c) => c.label)).toEqual([
      'Blueprint name minimal → default',
      'Network podSubnet 10.244.0.0/16 → 10.245.0.0/16',
      'wk-1: privateIP 10.0.0.21 → 10.0.0.29',
    ]);
  });

  it('reports a block added in the file leaf by leaf', () => {
    const file = edit(seed, '  cloudCredentials: mks-creds\n', '  cloudCredentials: mks-creds\n  proxy:\n    enabled: true\n    httpProxy: http://proxy:3128\n');
    expect(changes(file).map((c) => [c.kind, displayPath(c.path)])).toEqual([
      ['added', 'spec.proxy.enabled'],
      ['added', 'spec.proxy.httpProxy'],
    ]);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('v1.9.0', 'v1.10.0')).toBeLessThan(0);
    expect(compareVersions('v1.10', 'v1.10.0')).toBe(0);
    expect(compareVersions('latest', 'v1')).toBeUndefined();
    expect(displayPath(['spec', 'config', 'nodes', 'cp-1', 'labels', 'zone'])).toBe('spec.config.nodes[cp-1].labels.zone');
  });
});
