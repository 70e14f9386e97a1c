import { describe, expect, it } from 'vitest';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { normalizeCluster, sameCluster, specHash } from '../../client/src/sync/normalize';
import { edit, seed, seedAsSystem } from '../support/specs';

const cluster = (text: string) => findCluster(text, 'demo')!;

describe('semantic comparison', () => {
  it('ignores key order, comments, quoting, node order, defaults, empty maps and server fields', () => {
    expect(sameCluster(cluster(seed), cluster(seedAsSystem))).toBe(true);
  });

  it('treats roles as a set and taints by key and effect', () => {
    const reordered = edit(seed, 'roles: [ControlPlane, Worker]', 'roles: [Worker, ControlPlane, Worker]');
    expect(sameCluster(cluster(seed), cluster(reordered))).toBe(true);
  });

  it('reads legacy spellings as their v3 names', () => {
    const legacy = edit(edit(seed, 'privateIP: 10.0.0.11', 'privateip: 10.0.0.11'), 'roles: [ControlPlane, Worker]', 'roles: [Master, Worker]');
    expect(sameCluster(cluster(seed), cluster(legacy))).toBe(true);
  });

  it('sees a changed value, a changed default and a changed node order-independent field', () => {
    expect(sameCluster(cluster(seed), cluster(edit(seed, 'v1.34.1', 'v1.35.0')))).toBe(false);
    expect(sameCluster(cluster(seed), cluster(edit(seed, 'version: latest', 'version: v2')))).toBe(false);
    expect(sameCluster(cluster(seed), cluster(edit(seed, 'autoApproveNodes: true', 'autoApproveNodes: false')))).toBe(false);
    expect(sameCluster(cluster(seed), cluster(edit(seed, 'zone: a', 'zone: b')))).toBe(false);
  });

  it('keys nodes by hostname and drops status and read-only metadata', () => {
    const n = normalizeCluster(cluster(seedAsSystem));
    expect(Object.keys((n.spec as any).config.nodes)).toEqual(['cp-1', 'wk-1']);
    expect(n.status).toBeUndefined();
    expect(n.metadata).toEqual({ name: 'demo', project: 'edge' });
    expect((n.spec as any).config.nodes['wk-1'].taints).toEqual({ 'infra:NoSchedule': 'true' });
  });

  it('hashes the canonical form: equal for equal specs, different for a changed value', () => {
    const nodesReversed = edit(seed, '      # the first control plane\n', '').replace(/( {6}- hostname: cp-1[\s\S]*?)( {6}- hostname: wk-1[\s\S]*)$/, '$2$1');
    expect((cluster(nodesReversed) as any).spec.config.nodes.map((n: any) => n.hostname)).toEqual(['wk-1', 'cp-1']);
    expect(specHash(cluster(seed))).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(specHash(cluster(nodesReversed))).toBe(specHash(cluster(seed)));
    expect(specHash(cluster(seedAsSystem))).toBe(specHash(cluster(seed)));
    expect(specHash(cluster(edit(seed, 'v1.34.1', 'v1.35.0')))).not.toBe(specHash(cluster(seed)));
  });

  it('survives values of the wrong type without throwing', () => {
    expect(() => normalizeCluster({ spec: { config: { nodes: 'x', network: [1, { a: null }] } }, metadata: 7 })).not.toThrow();
    expect(normalizeCluster(null)).toEqual({});
  });
});
