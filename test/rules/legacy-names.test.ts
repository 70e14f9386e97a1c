import { describe, expect, it } from 'vitest';
import { legacyNames } from '../../server/src/engine/rules/legacyNames';
import { applyEdits, applyFix, brief, clusterHead, range, run, yaml } from './helpers';

describe('legacy-names', () => {
  it('accepts canonical v3 names', () => {
    const text = yaml(
      ...clusterHead,
      '  blueprint: {name: default}',
      '  proxy: {enabled: false}',
      '  config:',
      '    dedicatedControlPlane: true',
      '    kubernetesVersion: v1.33.1',
      '    nodes: [{hostname: a, privateIP: 10.0.0.1, roles: [ControlPlane, Worker]}]',
    );
    expect(run(legacyNames, text)).toEqual([]);
  });

  it('flags each legacy key on the key, with a rename fix; all fixes together give the v3 spec', () => {
    const text = yaml(
      ...clusterHead,
      '  blueprintConfig: {name: default}',
      '  proxyConfig:',
      '    enabled: false',
      '  config:',
      '    dedicatedMastersEnabled: true',
      '    k8sVersion: v1.33.1 # pinned',
      '    nodes:',
      '      - hostname: a',
      '        privateip: 10.0.0.1',
      '        roles: [Master, Worker]',
      '      - {hostname: b, "privateip": 10.0.0.2, roles: ["Master"]}',
    );
    const findings = run(legacyNames, text);
    expect(findings.map(brief)).toEqual([
      { severity: 'warning', range: range(13, 8, 13, 17), message: 'privateip is not the MKS v3 name: use privateIP.' },
      { severity: 'warning', range: range(15, 22, 15, 33), message: 'privateip is not the MKS v3 name: use privateIP.' },
      { severity: 'warning', range: range(9, 4, 9, 27), message: 'dedicatedMastersEnabled is not the MKS v3 name: use dedicatedControlPlane.' },
      { severity: 'warning', range: range(10, 4, 10, 14), message: 'k8sVersion is not the MKS v3 name: use kubernetesVersion.' },
      { severity: 'warning', range: range(5, 2, 5, 17), message: 'blueprintConfig is not the MKS v3 name: use blueprint.' },
      { severity: 'warning', range: range(6, 2, 6, 13), message: 'proxyConfig is not the MKS v3 name: use proxy.' },
      { severity: 'warning', range: range(14, 16, 14, 22), message: 'Role Master is a legacy name: use ControlPlane.' },
      { severity: 'warning', range: range(15, 53, 15, 61), message: 'Role Master is a legacy name: use ControlPlane.' },
    ]);
    expect(findings[0].fixes?.[0].title).toBe('Rename privateip to privateIP');
    expect(applyFix(text, findings[3])).toContain('    kubernetesVersion: v1.33.1 # pinned\n');
    const fixed = applyEdits(text, findings.flatMap((f) => f.fixes?.[0].edits ?? []));
    expect(fixed).toBe(
      yaml(
        ...clusterHead,
        '  blueprint: {name: default}',
        '  proxy:',
        '    enabled: false',
        '  config:',
        '    dedicatedControlPlane: true',
        '    kubernetesVersion: v1.33.1 # pinned',
        '    nodes:',
        '      - hostname: a',
        '        privateIP: 10.0.0.1',
        '        roles: [ControlPlane, Worker]',
        '      - {hostname: b, privateIP: 10.0.0.2, roles: [ControlPlane]}',
      ),
    );
    expect(run(legacyNames, fixed)).toEqual([]);
  });

  it('asks to remove a legacy key whose canonical key is also there (no rename fix)', () => {
    const text = yaml(...clusterHead, '  config:', '    k8sVersion: v1.32.0', '    kubernetesVersion: v1.33.1');
    const findings = run(legacyNames, text);
    expect(findings.map(brief)).toEqual([
      { severity: 'warning', range: range(6, 4, 6, 14), message: 'k8sVersion is the old name of kubernetesVersion, which is also set here: remove k8sVersion.' },
    ]);
    expect(findings[0].fixes).toBeUndefined();
  });

  it('turns a plain-string blueprint into a map', () => {
    const text = yaml(...clusterHead, '  blueprint: default-upstream  # legacy');
    const findings = run(legacyNames, text);
    expect(findings.map(brief)).toEqual([
      { severity: 'warning', range: range(5, 13, 5, 29), message: 'blueprint as a plain string is the legacy form: write blueprint: {name: default-upstream}.' },
    ]);
    expect(applyFix(text, findings[0])).toBe(yaml(...clusterHead, '  blueprint: {name: default-upstream}  # legacy'));
  });
});
