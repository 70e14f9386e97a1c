// The generators behind server/src/engine/data/*.json read the Kubernetes docs' formats; these inline samples
// (written here, in those formats) pin what they take from them and what they refuse.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module script without types
import { readGate } from '../../scripts/feature-gates/generate.mjs';
// @ts-expect-error plain ES module script without types
import { fieldPaths, readConfigTypes, readFlags } from '../../scripts/kubelet-flags/generate.mjs';

describe('feature-gates generator', () => {
  it('reads the stages of a gate page, its removal and former names', () => {
    const page = [
      '---',
      'title: SomeGate',
      'content_type: feature_gate',
      'former_titles:',
      '  - OldGate',
      'stages:',
      '  - stage: alpha',
      '    defaultValue: false',
      '    fromVersion: "1.20"',
      '    toVersion: "1.21"',
      '  - stage: stable ',
      '    defaultValue: true',
      '    locked: true',
      '    fromVersion: "1.22.0"',
      '    toVersion: "1.24"',
      'removed: true',
      '---',
      'Text.',
    ].join('\n');
    expect(readGate('SomeGate.md', page)).toEqual({
      name: 'SomeGate',
      stages: [
        ['alpha', false, '1.20', '1.21'],
        ['stable', true, '1.22', '1.24', true],
      ],
      removed: true,
      formerNames: ['OldGate'],
    });
  });

  it('refuses what it cannot read instead of guessing', () => {
    const page = (version: string) => `---\ntitle: G\ncontent_type: feature_gate\nstages:\n  - stage: beta\n    defaultValue: true\n    fromVersion: ${version}\n---\n`;
    expect(() => readGate('G.md', page('1.3'))).toThrow('is not a version like "1.29"');
    expect(() => readGate('G.md', page('"next"'))).toThrow('is not a version');
    expect(readGate('index.md', '---\ntitle: Feature Gates\ncontent_type: concept\n---\n')).toBeUndefined();
  });
});

describe('kubelet-flags generator', () => {
  it('reads flags, their types and the config-file note, and the config fields into nested structs', () => {
    const flagsPage = [
      '<tr>',
      '<td colspan="2">--max-pods int32&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Default: 110</td>',
      '</tr>',
      '<tr>',
      '<td></td><td style="line-height: 130%;"><p>Number of Pods. (DEPRECATED: This parameter should be set via the config file specified by the Kubelet\'s --config flag.)</p></td>',
      '</tr>',
      '<tr>',
      '<td colspan="2">--eviction-hard &lt;comma-separated \'key=value\' pairs&gt;</td>',
      '</tr>',
      '<tr>',
      '<td></td><td style="line-height: 130%;"><p>A set of eviction thresholds (e.g. memory.available&lt;1Gi).</p></td>',
      '</tr>',
    ].join('\n');
    expect(readFlags(flagsPage).map((f: { name: string; type: string; viaConfig: boolean }) => [f.name, f.type, f.viaConfig])).toEqual([
      ['max-pods', 'int32', true],
      ['eviction-hard', "<comma-separated 'key=value' pairs>", false],
    ]);
    const configPage = [
      '## `KubeletConfiguration`     {#kubelet-config-k8s-io-v1beta1-KubeletConfiguration}',
      '<tr><td><code>maxPods</code><br/>',
      '<code>int32</code>',
      '</td>',
      '<td>',
      '   <p>maxPods is the maximum number of Pods.</p>',
      '</td>',
      '</tr>',
      '<tr><td><code>authentication</code><br/>',
      '<a href="#kubelet-config-k8s-io-v1beta1-KubeletAuthentication"><code>KubeletAuthentication</code></a>',
      '</td>',
      '<td>',
      '   <p>authentication specifies how requests are authenticated.</p>',
      '</td>',
      '</tr>',
      '## `KubeletAuthentication`     {#kubelet-config-k8s-io-v1beta1-KubeletAuthentication}',
      '<tr><td><code>x509</code><br/>',
      '<code>KubeletX509Authentication</code>',
      '</td>',
      '<td>',
      '   <p>x509 contains settings.</p>',
      '</td>',
      '</tr>',
      '## `KubeletX509Authentication`     {#kubelet-config-k8s-io-v1beta1-KubeletX509Authentication}',
      '<tr><td><code>clientCAFile</code><br/>',
      '<code>string</code>',
      '</td>',
      '<td>',
      '   <p>clientCAFile is the path to a PEM-encoded certificate bundle.</p>',
      '</td>',
      '</tr>',
    ].join('\n');
    expect([...fieldPaths(readConfigTypes(configPage)).keys()]).toEqual(['maxPods', 'authentication', 'authentication.x509', 'authentication.x509.clientCAFile']);
  });
});
