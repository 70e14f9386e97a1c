// Keys in the wrong place: a key the schema declares one level up or down says where it belongs and offers to
// move it there (comments kept), and the placement rules still read a misplaced systemComponentsPlacement.
import { describe, expect, it } from 'vitest';
import clusterSchema from '../../schemas/mks-cluster.schema.json';
import { keyHome } from '../../server/src/engine/schema/keyHomes';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { applyEdits, applyFix } from '../rules/helpers';
import { brief, schemaFindings } from './helpers';

const head = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata: {name: demo, project: demo}
spec:
  type: mks
  blueprint: {name: minimal}
  cloudCredentials: mks-ssh
`;
const network = '    network: {cni: {name: Calico, version: 3.26.1}, podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}\n';
const node = (labels: string) =>
  `    nodes:\n      - {hostname: n1, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane, Worker], labels: ${labels}}\n`;

/** As the seed page's flattened example writes it: systemComponentsPlacement under spec.config. */
const flattened = `${head}  # the cluster itself
  config:
    kubernetesVersion: v1.34.2
    # Rafay's own components run on the infra node
    systemComponentsPlacement:
      nodeSelector: {role: infra}   # infra nodes only
      tolerations:
        - {key: infra, operator: Exists, effect: NoSchedule}
${network}${node('{role: infra}')}`;

const misplaced = (text: string) => validate(new YamlFile('file:///spec.yaml', text)).filter((f) => f.code === 'schema/misplaced-key');

describe('keys in the wrong place', () => {
  it('says where systemComponentsPlacement belongs and moves it to spec, keeping its comments and layout', () => {
    const [finding, ...more] = misplaced(flattened);
    expect(more).toEqual([]);
    expect(brief(finding)).toBe('11:4-11:29 schema/misplaced-key `systemComponentsPlacement` belongs in `spec`, not in `spec.config`: here it is not read.');
    expect(finding.severity).toBe('error');
    expect(finding.fixes?.map((f) => [f.title, f.preferred])).toEqual([['Move to `spec`', true]]);
    const moved = applyFix(flattened, finding);
    expect(moved).toBe(`${head}  # Rafay's own components run on the infra node
  systemComponentsPlacement:
    nodeSelector: {role: infra}   # infra nodes only
    tolerations:
      - {key: infra, operator: Exists, effect: NoSchedule}
  # the cluster itself
  config:
    kubernetesVersion: v1.34.2
${network}${node('{role: infra}')}`);
    expect(validate(new YamlFile('file:///moved.yaml', moved))).toEqual([]);
  });

  it('runs the placement rules on it where it is, still reporting the misplacement', () => {
    const unmatched = flattened.replace('labels: {role: infra}', 'labels: {role: app}');
    const codes = validate(new YamlFile('file:///spec.yaml', unmatched)).map((f) => [f.code, f.range.start.line]);
    expect(codes).toEqual([
      ['schema/misplaced-key', 11],
      ['placement-node-selector', 12],
    ]);
  });

  it('works one level down too: a spec.config key written under spec moves into spec.config', () => {
    const text = `${head}  config:\n    kubernetesVersion: v1.34.2\n${network}${node('{}')}  kubernetesUpgrade: {strategy: sequential, params: {workerConcurrency: "1"}}\n`;
    const [finding] = misplaced(text);
    expect(brief(finding)).toBe('12:2-12:19 schema/misplaced-key `kubernetesUpgrade` belongs in `spec.config`, not in `spec`: here it is not read.');
    const moved = applyFix(text, finding);
    expect(moved).toBe(`${head}  config:\n    kubernetesVersion: v1.34.2\n${network}${node('{}')}    kubernetesUpgrade: {strategy: sequential, params: {workerConcurrency: "1"}}\n`);
    expect(validate(new YamlFile('file:///moved.yaml', moved))).toEqual([]);
  });

  it('offers no move when the right place already has the key (and says to merge), nor out of a flow map', () => {
    const both = flattened.replace('  # the cluster itself\n', '  systemComponentsPlacement: {nodeSelector: {role: infra}}\n');
    const [finding] = misplaced(both);
    expect(finding.message).toBe(
      '`systemComponentsPlacement` belongs in `spec`, not in `spec.config`: here it is not read. `spec` already has a `systemComponentsPlacement`: merge the two and remove this one.',
    );
    expect(finding.fixes).toBeUndefined();
    const flow = `${head}  config: {kubernetesVersion: v1.34.2, systemComponentsPlacement: {nodeSelector: {a: b}}}\n`;
    expect(misplaced(flow).map((f) => [f.message.split(':')[0], f.fixes])).toEqual([['`systemComponentsPlacement` belongs in `spec`, not in `spec.config`', undefined]]);
  });

  it('derives the homes from the JSON schema: every key of spec and spec.config, written one level off, is found', () => {
    const defs = clusterSchema.definitions as Record<string, { properties?: Record<string, unknown> }>;
    const specKeys = Object.keys(defs.spec.properties ?? {});
    const configKeys = Object.keys(defs.config.properties ?? {});
    expect(specKeys).toContain('systemComponentsPlacement');
    for (const key of specKeys.filter((k) => !configKeys.includes(k))) {
      expect({ key, home: keyHome('Cluster', ['spec', 'config'], key) }).toEqual({ key, home: { path: ['spec'], direction: 'up' } });
    }
    for (const key of configKeys.filter((k) => !specKeys.includes(k))) {
      expect({ key, home: keyHome('Cluster', ['spec'], key) }).toEqual({ key, home: { path: ['spec', 'config'], direction: 'down' } });
    }
    // Inside list items: a node key written in a node's ssh block belongs to the node.
    expect(keyHome('Cluster', ['spec', 'config', 'nodes', 2, 'ssh'], 'arch')).toEqual({ path: ['spec', 'config', 'nodes', 2], direction: 'up' });
    // A key declared nowhere near is just unknown (with did-you-mean as before).
    expect(keyHome('Cluster', ['spec', 'config'], 'colour')).toBeUndefined();
    expect(schemaFindings(`${head}  config:\n    colour: red\n`).map((f) => f.code)).toContain('schema/unknown-key');
  });

  it("the seed page's flattened example: its privateip keeps its legacy-names fix, next to the misplaced placement", () => {
    const seed = flattened.replace('privateIP: 10.0.0.1', 'privateip: 10.0.0.1');
    const findings = validate(new YamlFile('file:///seed.yaml', seed));
    expect(findings.map((f) => [f.code, f.fixes?.[0]?.title])).toEqual([
      ['schema/misplaced-key', 'Move to `spec`'],
      ['legacy-names', 'Rename privateip to privateIP'],
    ]);
    const fixed = applyEdits(seed, findings.flatMap((f) => f.fixes![0].edits));
    expect(validate(new YamlFile('file:///fixed.yaml', fixed))).toEqual([]);
  });
});
