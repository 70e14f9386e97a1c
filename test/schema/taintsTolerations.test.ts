// Schema check: node taints and the tolerations of systemComponentsPlacement (and its daemonSetOverride).
import { describe, expect, it } from 'vitest';
import { brief, cluster, schemaFindings } from './helpers';

const node = (taints: string) =>
  `      - hostname: wk-1
        privateIP: 10.0.0.21
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
        taints:
${taints}`;

/** Node taints start at line 24. */
const taintFindings = (taints: string) => schemaFindings(cluster(node(taints)));

/** A cluster with a systemComponentsPlacement block at the end of spec (its first line is 19). */
const placementFindings = (placement: string) =>
  schemaFindings(cluster('      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}\n') + placement);

describe('taints', () => {
  it('accepts each effect, with and without a value', () => {
    expect(
      taintFindings(`          - {key: a, value: "x", effect: NoSchedule}
          - {key: b, effect: PreferNoSchedule}
          - {key: c, effect: NoExecute}
`),
    ).toEqual([]);
  });

  it('reports an effect typo with a fix', () => {
    const findings = taintFindings('          - {key: infra, effect: NoSchedul}\n');
    expect(findings.map(brief)).toEqual([
      '24:33-24:42 schema/enum `effect` must be one of NoSchedule, PreferNoSchedule, NoExecute; got `NoSchedul`. Did you mean `NoSchedule`?',
    ]);
    expect(findings[0].fixes?.[0]).toMatchObject({ title: 'Change to `NoSchedule`', edits: [{ newText: 'NoSchedule' }] });
  });

  it('reports a missing effect on the first key of the taint, naming the node', () => {
    expect(taintFindings('          - key: infra\n            value: "true"\n').map(brief)).toEqual([
      '24:12-24:15 schema/required Missing required key `effect` in taint 1 of node 1 (`wk-1`).',
    ]);
  });

  it('reports an empty effect (only tolerations may leave it empty) and a boolean value', () => {
    expect(taintFindings('          - {key: infra, value: true, effect: ""}\n').map(brief)).toEqual([
      '24:32-24:36 schema/type `value` must be a string; got `true`. Quote it.',
      '24:46-24:48 schema/enum `effect` must be one of NoSchedule, PreferNoSchedule, NoExecute; got an empty string.',
    ]);
  });

  it('reports an unknown taint key', () => {
    expect(taintFindings('          - {key: infra, effects: NoSchedule}\n').map(brief)).toEqual([
      '24:25-24:32 schema/unknown-key Unknown key `effects` in taint 1 of node 1 (`wk-1`). Did you mean `effect`?',
    ]);
  });
});

describe('tolerations', () => {
  it('accepts Exists without key or value, an empty effect and tolerationSeconds', () => {
    expect(
      placementFindings(`  systemComponentsPlacement:
    nodeSelector: {infra: "true"}
    tolerations:
      - {operator: Exists}
      - {key: infra, operator: Equal, value: "true", effect: ""}
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
    daemonSetOverride:
      nodeSelectionEnabled: true
      tolerations: [{key: infra, operator: Exists, effect: NoSchedule}]
`),
    ).toEqual([]);
  });

  it('reports an operator typo with a fix and a misspelled toleration key', () => {
    const findings = placementFindings(`  systemComponentsPlacement:
    tolerations:
      - {key: infra, operator: exists, tolerationSecond: 30}
`);
    expect(findings.map(brief)).toEqual([
      '21:39-21:55 schema/unknown-key Unknown key `tolerationSecond` in toleration 1 in `spec.systemComponentsPlacement`. Did you mean `tolerationSeconds`?',
      '21:31-21:37 schema/enum `operator` must be one of Equal, Exists; got `exists`. Did you mean `Exists`?',
    ]);
  });

  it('reports tolerationSeconds that is not a whole number, in the daemonset override', () => {
    expect(
      placementFindings(`  systemComponentsPlacement:
    daemonSetOverride:
      nodeSelectionEnabled: "true"
      tolerations: [{key: a, effect: NoExecute, tolerationSeconds: "300"}]
`).map(brief),
    ).toEqual([
      '21:28-21:34 schema/type `nodeSelectionEnabled` must be true or false; got `true`.',
      '22:67-22:72 schema/type `tolerationSeconds` must be a whole number; got `300`.',
    ]);
  });

  it('lists the allowed effects, showing the empty one', () => {
    expect(placementFindings('  systemComponentsPlacement:\n    tolerations: [{key: a, effect: All}]\n').map(brief)).toEqual([
      '20:35-20:38 schema/enum `effect` must be one of NoSchedule, PreferNoSchedule, NoExecute, "" (empty); got `All`.',
    ]);
  });
});
