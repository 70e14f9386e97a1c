// Properties of the engine's rules, checked with fast-check over generated specs through validate():
// what a spec built valid reports, and that each broken invariant is always found, at the right place.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterSpec } from '../../bench/generateSpec';
import type { Finding } from '../../server/src/engine/findings';
import { defaultSettings } from '../../server/src/engine/settings';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261125);
const params = { seed: SEED, numRuns: 60 };

type Spec = ReturnType<typeof clusterSpec>;
type NodeSpec = Record<string, unknown>;

const nodesOf = (spec: Spec) => (spec.spec as { config: { nodes: NodeSpec[] } }).config.nodes;
const networkOf = (spec: Spec) => (spec.spec as { config: { network: Record<string, unknown> } }).config.network;
const check = (spec: Spec): { text: string; findings: Finding[] } => {
  const text = stringify(spec, { lineWidth: 0, aliasDuplicateObjects: false });
  return { text, findings: validate(new YamlFile('file:///property.yaml', text)) };
};
/** The 0-based line of the `key:` entry of node `index` (nodes are block maps starting with `- hostname:`). */
const lineOfNodeKey = (text: string, index: number, key: string) => {
  const lines = text.split('\n');
  const starts = lines.flatMap((l, i) => (/^ {6}- hostname:/.test(l) ? [i] : []));
  const end = starts[index + 1] ?? lines.length;
  return lines.findIndex((l, i) => i >= starts[index] && i < end && new RegExp(`^ {6}[- ] ${key}:`).test(l));
};

/** A valid spec: any size, any generator seed, any supported Kubernetes minor and patch, any allowed OS. */
const validSpec = fc
  .record({
    nodes: fc.integer({ min: 1, max: 80 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    minor: fc.constantFrom(...defaultSettings.kubernetesVersions),
    patch: fc.integer({ min: 0, max: 30 }),
    os: fc.constantFrom(...defaultSettings.operatingSystems.filter((os) => !os.startsWith('Windows'))),
  })
  .map(({ nodes, seed, minor, patch, os }) => {
    const spec = clusterSpec({ nodes, seed });
    (spec.spec as { config: Record<string, unknown> }).config.kubernetesVersion = `${minor}.${patch}`;
    nodesOf(spec).forEach((n, i) => i % 2 === 0 && (n.operatingSystem = os));
    return spec;
  });

/** A valid spec with at least `min` nodes, and two distinct node indexes in it. */
const specWithTwoNodes = (min = 2) =>
  validSpec
    .filter((spec) => nodesOf(spec).length >= min)
    .chain((spec) => {
      const count = nodesOf(spec).length;
      return fc
        .tuple(fc.constant(spec), fc.integer({ min: 0, max: count - 1 }), fc.integer({ min: 0, max: count - 1 }))
        .filter(([, a, b]) => a !== b);
    });

/** A valid spec and one of its node indexes. */
const specWithNode = validSpec.chain((spec) => fc.tuple(fc.constant(spec), fc.integer({ min: 0, max: nodesOf(spec).length - 1 })));

describe('rules over generated specs', () => {
  it('a spec built valid has no findings at all', () => {
    fc.assert(
      fc.property(validSpec, (spec) => {
        expect(check(spec).findings).toEqual([]);
      }),
      params,
    );
  });

  it('a duplicated privateIP is always found, on both nodes', () => {
    fc.assert(
      fc.property(specWithTwoNodes(), ([spec, a, b]) => {
        nodesOf(spec)[b].privateIP = nodesOf(spec)[a].privateIP;
        const { text, findings } = check(spec);
        const lines = findings.filter((f) => f.code === 'duplicate-private-ip').map((f) => f.range.start.line);
        expect(lines).toContain(lineOfNodeKey(text, a, 'privateIP'));
        expect(lines).toContain(lineOfNodeKey(text, b, 'privateIP'));
      }),
      params,
    );
  });

  it('a duplicated hostname is always found, on both nodes', () => {
    fc.assert(
      fc.property(specWithTwoNodes(), ([spec, a, b]) => {
        nodesOf(spec)[b].hostname = nodesOf(spec)[a].hostname;
        const { text, findings } = check(spec);
        const lines = findings.filter((f) => f.code === 'duplicate-hostname').map((f) => f.range.start.line);
        expect(lines).toContain(lineOfNodeKey(text, a, 'hostname'));
        expect(lines).toContain(lineOfNodeKey(text, b, 'hostname'));
      }),
      params,
    );
  });

  it('overlapping pod and service subnets are always found', () => {
    const overlapping = fc
      .record({
        a: fc.integer({ min: 11, max: 223 }),
        b: fc.integer({ min: 0, max: 255 }),
        outer: fc.integer({ min: 8, max: 20 }),
        extra: fc.integer({ min: 0, max: 8 }),
        podIsOuter: fc.boolean(),
      })
      .map(({ a, b, outer, extra, podIsOuter }) => {
        const network = (prefix: number) => {
          const value = ((a << 24) | (b << 16)) >>> 0;
          const masked = prefix === 0 ? 0 : (value & (~0 << (32 - prefix))) >>> 0;
          return `${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join('.')}/${prefix}`;
        };
        // The same base address under two prefix lengths: the longer one lies inside the shorter one.
        const wide = network(outer);
        const narrow = network(outer + extra);
        return podIsOuter ? { pod: wide, service: narrow } : { pod: narrow, service: wide };
      });
    fc.assert(
      fc.property(validSpec, overlapping, (spec, { pod, service }) => {
        Object.assign(networkOf(spec), { podSubnet: pod, serviceSubnet: service });
        expect(check(spec).findings.map((f) => f.code)).toContain('subnets');
      }),
      params,
    );
  });

  it('a node address inside the pod subnet is always found on that node', () => {
    fc.assert(
      fc.property(specWithNode, fc.integer({ min: 1, max: 254 }), ([spec, a], host) => {
        nodesOf(spec)[a].privateIP = `10.244.7.${host}`;
        const { text, findings } = check(spec);
        const lines = findings.filter((f) => f.code === 'subnets').map((f) => f.range.start.line);
        expect(lines).toContain(lineOfNodeKey(text, a, 'privateIP'));
      }),
      params,
    );
  });

  it('removing every control-plane node is always an error', () => {
    fc.assert(
      fc.property(
        validSpec.filter((spec) => nodesOf(spec).length >= 2),
        (spec) => {
          const config = (spec.spec as { config: Record<string, unknown> }).config;
          config.nodes = nodesOf(spec).filter((n) => !(n.roles as string[]).includes('ControlPlane'));
          const errors = check(spec).findings.filter((f) => f.code === 'control-plane-required');
          expect(errors).toHaveLength(1);
          expect(errors[0].severity).toBe('error');
        },
      ),
      params,
    );
  });

  it('high availability with fewer than three control-plane nodes is always found', () => {
    fc.assert(
      fc.property(
        validSpec.filter((spec) => nodesOf(spec).length >= 4),
        fc.integer({ min: 1, max: 2 }),
        (spec, keep) => {
          nodesOf(spec).forEach((n, i) => {
            if (i >= keep && (n.roles as string[]).includes('ControlPlane')) n.roles = ['Worker'];
          });
          expect(check(spec).findings.map((f) => f.code)).toContain('ha-control-plane-count');
        },
      ),
      params,
    );
  });

  it('never throws on any value at any place, and every finding lies inside the text', () => {
    const anyPath = fc.constantFrom(
      ['spec'],
      ['spec', 'config'],
      ['spec', 'config', 'network'],
      ['spec', 'config', 'nodes'],
      ['spec', 'config', 'nodes', 0],
      ['spec', 'config', 'nodes', 0, 'roles'],
      ['spec', 'config', 'nodes', 0, 'taints'],
      ['spec', 'config', 'nodes', 0, 'privateIP'],
      ['spec', 'systemComponentsPlacement'],
      ['spec', 'systemComponentsPlacement', 'tolerations'],
      ['spec', 'config', 'kubernetesVersion'],
      ['metadata'],
    );
    fc.assert(
      fc.property(validSpec, anyPath, fc.jsonValue({ maxDepth: 3 }), (spec, path, value) => {
        let parent: Record<string | number, unknown> = spec;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1]] = value;
        const { text, findings } = check(spec);
        const lineCount = text.split('\n').length;
        for (const f of findings) {
          expect(f.range.start.line).toBeLessThan(lineCount);
          expect(f.range.end.line).toBeGreaterThanOrEqual(f.range.start.line);
          expect(f.message.length).toBeGreaterThan(0);
        }
      }),
      { ...params, numRuns: 150 },
    );
  });
});
