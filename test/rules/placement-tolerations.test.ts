import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { placementTolerations } from '../../server/src/engine/rules/placementTolerations';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { applyEdits, applyFix, brief, clusterHead, range, run, yaml } from './helpers';

const nodes = [
  '  config:',
  '    nodes:',
  '      - hostname: infra-1',
  '        labels: {infra: "true"}',
  '        taints:',
  '          - {key: infra, value: "true", effect: NoSchedule}',
  '          - {key: gpu, effect: NoExecute}',
  '      - hostname: infra-2',
  '        labels: {infra: "true"}',
  '        taints: [{key: infra, value: "true", effect: NoSchedule}]',
  '      - hostname: other',
  '        taints: [{key: other, effect: NoSchedule}]',
];
const cluster = (...placement: string[]) => yaml(...clusterHead, ...nodes, '  systemComponentsPlacement:', ...placement);

describe('placement-tolerations', () => {
  it('accepts tolerations that match by Equal, by Exists, or tolerate everything', () => {
    const equal = cluster(
      '    nodeSelector: {infra: "true"}',
      '    tolerations:',
      '      - {key: infra, operator: Equal, value: "true", effect: NoSchedule}',
      '      - {key: gpu, operator: Exists}',
    );
    expect(run(placementTolerations, equal)).toEqual([]);
    expect(run(placementTolerations, cluster('    nodeSelector: {infra: "true"}', '    tolerations: [{operator: Exists}]'))).toEqual([]);
    // Equal is the default operator; the taints of nodes the selector does not pick (other) do not matter.
    const defaults = cluster(
      '    nodeSelector: {infra: "true"}',
      '    tolerations: [{key: infra, value: "true"}, {key: gpu, operator: Exists, effect: NoExecute}]',
    );
    expect(run(placementTolerations, defaults)).toEqual([]);
  });

  it('reports each untolerated taint once, naming the nodes, with a fix that appends to the block list', () => {
    const text = cluster(
      '    nodeSelector: {infra: "true"}',
      '    tolerations:',
      '      - key: infra',
      '        operator: Equal',
      '        value: "false"   # not the taint value',
      '    daemonSetOverride: {nodeSelectionEnabled: false}',
    );
    const findings = run(placementTolerations, text);
    expect(findings.map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(19, 4, 19, 15),
        message:
          "Taint infra=true:NoSchedule on infra-1 and infra-2 (selected by nodeSelector) is not tolerated by systemComponentsPlacement.tolerations: Rafay's system components cannot run there. Add a matching toleration.",
      },
      {
        severity: 'warning',
        range: range(19, 4, 19, 15),
        message:
          "Taint gpu:NoExecute on infra-1 (selected by nodeSelector) is not tolerated by systemComponentsPlacement.tolerations: Rafay's system components cannot run there. Add a matching toleration.",
      },
    ]);
    expect(findings[0].fixes?.map((f) => [f.title, f.preferred])).toEqual([
      ['Add toleration for infra=true:NoSchedule', undefined],
      ['Add all 2 missing tolerations', true],
    ]);
    const fixedOne = applyFix(text, findings[0]);
    expect(fixedOne).toBe(
      cluster(
        '    nodeSelector: {infra: "true"}',
        '    tolerations:',
        '      - key: infra',
        '        operator: Equal',
        '        value: "false"   # not the taint value',
        '      - key: infra',
        '        operator: Equal',
        '        value: "true"',
        '        effect: NoSchedule',
        '    daemonSetOverride: {nodeSelectionEnabled: false}',
      ),
    );
    expect(run(placementTolerations, fixedOne)).toHaveLength(1);
    const fixedAll = applyFix(text, findings[1], 1);
    expect(fixedAll).toContain(
      ['        effect: NoSchedule', '      - key: gpu', '        operator: Exists', '        effect: NoExecute', '    daemonSetOverride'].join('\n'),
    );
    expect(run(placementTolerations, fixedAll)).toEqual([]);
  });

  it('adds a tolerations key to a block placement that has none', () => {
    const text = cluster('    nodeSelector:', '      infra: "true"');
    const findings = run(placementTolerations, text);
    expect(findings.map((f) => f.range)).toEqual([range(18, 4, 18, 16), range(18, 4, 18, 16)]);
    const fixed = applyFix(text, findings[0], 1);
    expect(fixed).toBe(
      cluster(
        '    nodeSelector:',
        '      infra: "true"',
        '    tolerations:',
        '      - key: infra',
        '        operator: Equal',
        '        value: "true"',
        '        effect: NoSchedule',
        '      - key: gpu',
        '        operator: Exists',
        '        effect: NoExecute',
      ),
    );
    expect(run(placementTolerations, fixed)).toEqual([]);
  });

  it('respects flow style: appends to a flow list, fills an empty one, adds the key to a flow map', () => {
    const flowList = cluster('    nodeSelector: {infra: "true"}', '    tolerations: [{key: gpu, operator: Exists}]');
    const [finding] = run(placementTolerations, flowList);
    expect(applyFix(flowList, finding)).toBe(
      cluster(
        '    nodeSelector: {infra: "true"}',
        '    tolerations: [{key: gpu, operator: Exists}, {key: infra, operator: Equal, value: "true", effect: NoSchedule}]',
      ),
    );

    const emptyList = cluster('    nodeSelector: {infra: "true"}', '    tolerations: []');
    expect(applyFix(emptyList, run(placementTolerations, emptyList)[0], 1)).toBe(
      cluster(
        '    nodeSelector: {infra: "true"}',
        '    tolerations: [{key: infra, operator: Equal, value: "true", effect: NoSchedule}, {key: gpu, operator: Exists, effect: NoExecute}]',
      ),
    );

    const flowMap = yaml(...clusterHead, ...nodes, '  systemComponentsPlacement: {nodeSelector: {infra: "true"}, tolerations: [{key: infra, value: "true"}]}');
    const fixed = applyFix(flowMap, run(placementTolerations, flowMap)[0]);
    expect(fixed).toBe(
      yaml(
        ...clusterHead,
        ...nodes,
        '  systemComponentsPlacement: {nodeSelector: {infra: "true"}, tolerations: [{key: infra, value: "true"}, {key: gpu, operator: Exists, effect: NoExecute}]}',
      ),
    );
    const noKey = yaml(...clusterHead, ...nodes, '  systemComponentsPlacement: {nodeSelector: {kubernetes.io/hostname: other}}');
    expect(applyFix(noKey, run(placementTolerations, noKey)[0])).toBe(
      yaml(
        ...clusterHead,
        ...nodes,
        '  systemComponentsPlacement: {nodeSelector: {kubernetes.io/hostname: other}, tolerations: [{key: other, operator: Exists, effect: NoSchedule}]}',
      ),
    );
  });

  it('makes PreferNoSchedule taints advice (info)', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes: [{hostname: a, labels: {x: y}, taints: [{key: soft, effect: PreferNoSchedule}]}]',
      '  systemComponentsPlacement: {nodeSelector: {x: y}}',
    );
    expect(run(placementTolerations, text).map((f) => [f.severity, f.message])).toEqual([
      [
        'info',
        "Taint soft:PreferNoSchedule on a (selected by nodeSelector) is not tolerated by systemComponentsPlacement.tolerations: Rafay's system components will avoid it where they can. Add a matching toleration.",
      ],
    ]);
  });

  it('says when the daemonsets are kept away too (nodeSelectionEnabled, and their own list does not help)', () => {
    const text = cluster(
      '    nodeSelector: {infra: "true"}',
      '    daemonSetOverride:',
      '      nodeSelectionEnabled: true',
      '      tolerations: [{key: gpu, operator: Exists}]',
    );
    expect(run(placementTolerations, text).map((f) => f.message)).toEqual([
      "Taint infra=true:NoSchedule on infra-1 and infra-2 (selected by nodeSelector) is not tolerated by systemComponentsPlacement.tolerations: Rafay's system components and daemonsets cannot run there. Add a matching toleration.",
      "Taint gpu:NoExecute on infra-1 (selected by nodeSelector) is not tolerated by systemComponentsPlacement.tolerations: Rafay's system components cannot run there. Add a matching toleration.",
    ]);
  });

  it('offers no fix where the tolerations value has no shape to extend', () => {
    const text = cluster('    nodeSelector: {infra: "true"}', '    tolerations: none');
    const findings = run(placementTolerations, text);
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.fixes === undefined)).toBe(true);
  });
});

describe('placement-tolerations fixes, on generated specs', () => {
  const taint = fc.record(
    { key: fc.constantFrom('gpu', 'infra', 'dedicated/team', 'a,b'), value: fc.option(fc.constantFrom('true', 'x y', '1'), { nil: undefined }), effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') },
    { requiredKeys: ['key', 'effect'] },
  );
  const toleration = fc.record(
    { key: fc.constantFrom('gpu', 'infra'), operator: fc.constantFrom('Equal', 'Exists'), value: fc.constantFrom('true', '1'), effect: fc.constantFrom('NoSchedule', 'NoExecute') },
    { requiredKeys: [] },
  );
  const node = fc.record({ hostname: fc.constantFrom('a', 'b', 'c'), labels: fc.constantFrom({ infra: 'true' }, { other: 'x' }), taints: fc.array(taint, { maxLength: 3 }) });
  const placement = fc.record({ nodeSelector: fc.constant({ infra: 'true' }), tolerations: fc.array(toleration, { maxLength: 2 }) }, { requiredKeys: ['nodeSelector'] });

  it('the preferred fix always leaves valid YAML that the rule accepts', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 4 }), placement, fc.constantFrom('block', 'flow', 'any') as fc.Arbitrary<'block' | 'flow' | 'any'>, (nodes, systemComponentsPlacement, collectionStyle) => {
        const spec = { apiVersion: 'infra.k8smgmt.io/v3', kind: 'Cluster', spec: { type: 'mks', config: { nodes }, systemComponentsPlacement } };
        const text = stringify(spec, { collectionStyle });
        const findings = run(placementTolerations, text);
        if (findings.length === 0) return;
        const preferred = findings[0].fixes?.find((f) => f.preferred);
        expect(preferred).toBeDefined();
        const fixed = applyEdits(text, preferred!.edits);
        expect(new YamlFile('file:///fixed.yaml', fixed).documents[0].doc.errors).toEqual([]);
        expect(run(placementTolerations, fixed)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
