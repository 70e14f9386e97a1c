// Properties over generated specs: whatever the file and the system hold, pulling makes the file mean exactly
// what the system runs, keeps the file's comments on nodes the system still has, and a second pull changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCluster } from '../../client/src/sync/clusterDocuments';
import { fieldChanges } from '../../client/src/sync/fieldChanges';
import { normalizeCluster, sameCluster } from '../../client/src/sync/normalize';
import { pullFromSystem } from '../../client/src/sync/pullFromSystem';

interface GenNode {
  host: number;
  ip: number;
  roles: string[];
  labels: Record<string, string>;
  taint: boolean;
}
interface GenSpec {
  version: string;
  autoApprove: boolean | undefined;
  nodes: GenNode[];
}

const node = fc.record({
  host: fc.integer({ min: 1, max: 6 }),
  ip: fc.integer({ min: 1, max: 250 }),
  roles: fc.subarray(['ControlPlane', 'Worker', 'Storage'], { minLength: 1 }),
  labels: fc.dictionary(fc.constantFrom('zone', 'tier', 'rack'), fc.constantFrom('a', 'b', 'true')),
  taint: fc.boolean(),
});
const spec: fc.Arbitrary<GenSpec> = fc.record({
  version: fc.constantFrom('v1.33.4', 'v1.34.1', 'v1.35.0'),
  autoApprove: fc.option(fc.boolean(), { nil: undefined }),
  nodes: fc.uniqueArray(node, { minLength: 1, maxLength: 4, selector: (n) => n.host }),
});

/** The file style: block YAML with a comment on every node. */
function fileText(s: GenSpec): string {
  const nodes = s.nodes.map((n) => {
    const lines = [`      # node ${n.host} comment`, `      - hostname: node-${n.host}`, `        privateIP: 10.0.0.${n.ip}`, `        roles: [${n.roles.join(', ')}]`];
    if (Object.keys(n.labels).length) lines.push('        labels:', ...Object.entries(n.labels).map(([k, v]) => `          ${k}: "${v}"`));
    if (n.taint) lines.push('        taints:', '          - {key: dedicated, value: "x", effect: NoSchedule}');
    return lines.join('\n');
  });
  return [
    '# cluster comment',
    'apiVersion: infra.k8smgmt.io/v3',
    'kind: Cluster',
    'metadata: {name: gen, project: p}',
    'spec:',
    '  type: mks',
    '  config:',
    ...(s.autoApprove === undefined ? [] : [`    autoApproveNodes: ${s.autoApprove}`]),
    `    kubernetesVersion: ${s.version}   # version comment`,
    '    nodes:',
    ...nodes,
    '',
  ].join('\n');
}

/** The system style: JSON-ish flow YAML in another order, with defaults and status. */
function systemText(s: GenSpec): string {
  const value = {
    status: { commonStatus: { conditionStatus: 'StatusOK' } },
    spec: {
      config: {
        nodes: [...s.nodes].reverse().map((n) => ({
          roles: [...n.roles].reverse(),
          labels: n.labels,
          privateIP: `10.0.0.${n.ip}`,
          hostname: `node-${n.host}`,
          ...(n.taint ? { taints: [{ effect: 'NoSchedule', key: 'dedicated', value: 'x' }] } : {}),
        })),
        kubernetesVersion: s.version,
        autoApproveNodes: s.autoApprove ?? false,
        installerTtl: 365,
      },
      type: 'mks',
    },
    metadata: { project: 'p', name: 'gen', modifiedAt: '2026-11-25T00:00:00Z' },
    kind: 'Cluster',
    apiVersion: 'infra.k8smgmt.io/v3',
  };
  return JSON.stringify(value, null, 1) + '\n';
}

const cluster = (text: string) => findCluster(text, 'gen');

describe('pull from system, over generated specs', () => {
  it('the same spec in two styles compares equal, with no field changes', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(sameCluster(cluster(fileText(s)), cluster(systemText(s)))).toBe(true);
        expect(fieldChanges(normalizeCluster(cluster(systemText(s))), normalizeCluster(cluster(fileText(s))))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('makes the file mean what the system runs, keeps comments of kept nodes, and is idempotent', () => {
    fc.assert(
      fc.property(spec, spec, (mine, theirs) => {
        const file = fileText(mine);
        const system = systemText(theirs);
        const first = pullFromSystem(file, system, 'gen');
        const same = sameCluster(cluster(file), cluster(system));
        expect(first.kind).toBe(same ? 'unchanged' : 'updated');
        const text = first.kind === 'updated' ? first.text : file;
        expect(sameCluster(cluster(text), cluster(system))).toBe(true);
        expect(text).toContain('# cluster comment');
        expect(text).toContain('# version comment');
        for (const n of mine.nodes) {
          if (theirs.nodes.some((t) => t.host === n.host)) expect(text).toContain(`# node ${n.host} comment`);
        }
        expect(text).not.toMatch(/status:|modifiedAt|installerTtl/);
        expect(pullFromSystem(text, system, 'gen')).toEqual({ kind: 'unchanged' });
        expect(fieldChanges(normalizeCluster(cluster(system)), normalizeCluster(cluster(text)))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
