import { describe, expect, it } from 'vitest';
import { embeddedYaml } from '../../server/src/engine/rules/embeddedYaml';
import { brief, clusterHead, range, run, yaml } from './helpers';

/** A cluster whose kube-apiserver overrides carry `lines` (from line 7 on). */
const apiserver = (...lines: string[]) =>
  yaml(...clusterHead, '  config:', '    controlPlaneOverrides:', '      kubeApiserver:', ...lines.map((l) => `        ${l}`));

describe('embedded-yaml', () => {
  it('puts a syntax error of a block string on its line and column inside the string', () => {
    const text = apiserver(
      'extraVolumes: |', //                                    line 8
      '  - name: audit', //                                    line 9
      '    hostPath: {path: /var/log/audit, type: Directory', // line 10: flow map never closed
      'extraVolumeMounts: |',
      '  - name: audit',
      '    mountPath: /var/log/audit',
    );
    expect(run(embeddedYaml, text).map(brief)).toEqual([
      {
        severity: 'error',
        // The flow map is never closed: the error sits at the end of its line, not on the next key.
        range: range(10, 59, 10, 60),
        message: 'YAML syntax error in extraVolumes: Flow map in block collection must be sufficiently indented and end with a }',
      },
    ]);
    const misplaced = apiserver('extraVolumes: |', '  - name: a', '   bad: 1', '  - name: b');
    expect(run(embeddedYaml, misplaced).map(brief)).toEqual([
      { severity: 'error', range: range(10, 10, 10, 11), message: 'YAML syntax error in extraVolumes: Sequence item without - indicator' },
    ]);
  });

  it('maps an error through a double-quoted string with escapes', () => {
    // The value is "a: 1\nb: [2" : the error is on the text's line 2, in the file after the \n escape.
    const text = apiserver('extraVolumes: "- name: x\\n  key: [2"');
    expect(run(embeddedYaml, text).map(brief)).toEqual([
      {
        severity: 'error',
        // On the `2` before the closing quote (col 42), past the \n escape: not on the quote.
        range: range(8, 42, 8, 43),
        message: 'YAML syntax error in extraVolumes: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('checks the shape: a list of Volumes with names, VolumeMounts with name and mountPath', () => {
    const text = apiserver('extraVolumes: |', '  name: audit', 'extraVolumeMounts: |', '  - name: audit', '  - mountPath: /x', '  - just-a-string');
    expect(run(embeddedYaml, text).map(brief)).toEqual([
      { severity: 'warning', range: range(9, 10, 9, 21), message: 'extraVolumes must be a YAML list of Kubernetes Volumes ("- name: …").' },
      { severity: 'warning', range: range(11, 12, 11, 23), message: 'extraVolumeMounts item 1 lacks mountPath, which a Kubernetes VolumeMount requires.' },
      { severity: 'warning', range: range(12, 12, 12, 25), message: 'extraVolumeMounts item 2 lacks name, which a Kubernetes VolumeMount requires.' },
      { severity: 'warning', range: range(13, 12, 13, 25), message: 'extraVolumeMounts item 3 must be a map (a Kubernetes VolumeMount).' },
    ]);
  });

  it('checks kubeletConfigurationOverrides, cluster-wide and per node', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    kubeletConfigurationOverrides: "maxPods: [110"',
      '    nodes:',
      '      - hostname: n1',
      '        kubeletConfigurationOverrides: |-',
      '          - maxPods',
    );
    expect(run(embeddedYaml, text).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(6, 48, 6, 49),
        message: 'YAML syntax error in kubeletConfigurationOverrides: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
      { severity: 'warning', range: range(10, 10, 10, 19), message: 'kubeletConfigurationOverrides must be a map of KubeletConfiguration fields (e.g. maxPods: 110).' },
    ]);
  });

  it('passes well-formed text of the right shape, and empty text', () => {
    const text = apiserver(
      'extraVolumes: |',
      '  - name: audit',
      '    hostPath: {path: /var/log/audit, type: DirectoryOrCreate}',
      'extraVolumeMounts: "- {name: audit, mountPath: /var/log/audit}"',
    );
    expect(run(embeddedYaml, text)).toEqual([]);
    expect(run(embeddedYaml, apiserver('extraVolumes: ""'))).toEqual([]);
  });
});
