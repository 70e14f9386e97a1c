// The generators behind server/src/engine/data/*.json read the Kubernetes docs' formats; these inline samples
// (written here, in those formats) pin what they take from them and what they refuse.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module script without types
import { readGate } from '../../scripts/feature-gates/generate.mjs';
// @ts-expect-error plain ES module script without types
import { extendWithList, readFeatureListMd, readVersionedList } from '../../scripts/feature-gates/versionedList.mjs';
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

describe('feature-gates generator: one more release from versioned_feature_list.yaml', () => {
  /** A versioned_feature_list.yaml in Kubernetes' format: [name, [preRelease, default, lockToDefault, version]...]. */
  const list = (...gates: [string, ...[string, boolean, boolean, string][]][]) =>
    gates
      .map(([name, ...specs]) =>
        [`- name: ${name}`, '  versionedSpecs:', ...specs.flatMap(([pre, def, lock, v]) => [`  - default: ${def}`, `    lockToDefault: ${lock}`, `    preRelease: ${pre}`, `    version: "${v}"`])].join('\n'),
      )
      .join('\n');
  const docs = () => ({
    Staged: { stages: [['alpha', false, '1.34', null]] },
    Same: { stages: [['beta', true, '1.33', null]] },
    Gone: { stages: [['stable', true, '1.30', null]] },
    GoneEarlier: { stages: [['stable', true, '1.31', null]] },
    ClientSide: { stages: [['beta', true, '1.30', null]] },
    Old: { stages: [['alpha', false, '1.20', '1.21']], removed: true },
  });
  const previous = list(['Staged', ['Alpha', false, false, '1.34']], ['Same', ['Beta', true, false, '1.33']], ['Gone', ['GA', true, true, '1.35']]);
  const next = list(
    ['Staged', ['Alpha', false, false, '1.34'], ['Beta', true, false, '1.36']],
    ['Same', ['Beta', true, false, '1.33']],
    ['Brand', ['Alpha', false, false, '1.36']],
    ['Old2', ['GA', true, false, '1.0'], ['Deprecated', false, false, '1.36']],
  );

  /** A feature_list.md in Kubernetes' format: [name, Enabled since, Locked since, alpha, beta, GA, deprecated]. */
  const md = (...rows: string[][]) =>
    [
      '# Kubernetes Feature Gates',
      '',
      '| Feature | Enabled | Locked | Alpha | Beta | GA | Deprecated | Dependencies | Links |',
      '|---------|---------|--------|-------|------|----|------------|--------------|-------|',
      ...rows.map(([name, en, lock, ...ranges]) => {
        const cell = (icon: string, v: string) => (v ? `:${icon}:&nbsp;${v}+` : '');
        return `| ${name} | ${cell('ballot_box_with_check', en)} | ${cell('closed_lock_with_key', lock)} | ${ranges.join(' | ')} |  | [code](https://cs.k8s.io/?q=%5Cb${name}%5Cb) |`;
      }),
      '',
      '## Legend',
      '',
      '| Symbol | Meaning |',
      '|--------|--------|',
      '| :ballot_box_with_check: | Enabled by default |',
      '| 1.X– | Feature is in this state from version 1.X (open-ended range) |',
    ].join('\n');
  const src = { list: 1, md: 2, previous: 3 };

  it('adds new gates, the new release\'s stages and its removals, keeping the docs rows before it', () => {
    const gates: Record<string, { stages: unknown[]; removed?: boolean; removedEvidence?: string; src?: number[] }> = docs();
    const features = readFeatureListMd(md(['ClientSide', '1.30', '1.36', '', '1.30–1.35', '1.36–', ''], ['Same', '1.33', '', '', '1.33–', '', '']));
    const changes = extendWithList(gates, 35, readVersionedList(next), features, readVersionedList(previous), src);
    expect(gates.Staged).toEqual({ stages: [['alpha', false, '1.34', '1.35'], ['beta', true, '1.36', null]], src: [0, 1] });
    expect(gates.Same).toEqual({ stages: [['beta', true, '1.33', null]] });
    expect(gates.Brand).toEqual({ stages: [['alpha', false, '1.36', null]], src: [1] });
    expect(gates.Old2).toEqual({ stages: [['stable', true, '1.0', '1.35'], ['deprecated', false, '1.36', null]], src: [1] });
    expect(gates.Gone).toMatchObject({ stages: [['stable', true, '1.30', '1.35']], removed: true, removedEvidence: 'in the 1.35 list, not in the 1.36 lists', src: [0, 1, 2, 3] });
    expect(gates.GoneEarlier).toMatchObject({ removed: true, removedEvidence: 'in none of the lists; the docs list it through 1.35' });
    // Not in the YAML list but in feature_list.md (a client-go gate): taken from there, not removed.
    expect(gates.ClientSide).toEqual({ stages: [['beta', true, '1.30', '1.35'], ['stable', true, '1.36', null, true]], src: [0, 2] });
    expect(gates.Old).toEqual({ stages: [['alpha', false, '1.20', '1.21']], removed: true });
    expect(changes).toMatchObject({ added: ['Brand', 'Old2'], removed: ['Gone'], removedInNeitherList: ['GoneEarlier'], fromFeatureListMd: ['ClientSide'], listsDiffer: [] });
  });

  it('takes the list\'s lock at the new release even where the docs never said locked', () => {
    const gates: Record<string, { stages: unknown[] }> = { G: { stages: [['stable', true, '1.34', null]] } };
    const other = (v: string): [string, [string, boolean, boolean, string]] => ['Other', ['Alpha', false, false, v]];
    extendWithList(gates, 35, readVersionedList(list(['G', ['GA', true, true, '1.34']], other('1.36'))), new Map(), readVersionedList(list(['G', ['GA', true, true, '1.34']], other('1.35'))), src);
    expect(gates.G.stages).toEqual([['stable', true, '1.34', '1.35'], ['stable', true, '1.36', null, true]]);
  });

  it('refuses lists of another release and entries it cannot read', () => {
    const one = (v: string) => readVersionedList(list(['G', ['Alpha', false, false, v]]));
    expect(() => extendWithList({}, 35, one('1.37'), new Map(), one('1.35'), src)).toThrow('newest version is 1.37, expected 1.36');
    expect(() => extendWithList({}, 35, one('1.36'), new Map(), one('1.36'), src)).toThrow('previous versioned list: newest version is 1.36');
    expect(() => readVersionedList(list(['G', ['Stable', false, false, '1.30']]))).toThrow('preRelease "Stable"');
    expect(() => readVersionedList('- name: G\n  versionedSpecs:\n  - default: false\n    lockToDefault: false\n    preRelease: Alpha\n    version: 1.30\n')).toThrow('version 1.3');
    expect(() => readVersionedList(list(['G', ['Alpha', false, false, '1.30'], ['Beta', true, false, '1.29']]))).toThrow('not increasing');
  });

  it('reads feature_list.md rows into stages, splitting them where the default turns true or the lock begins', () => {
    const gates = readFeatureListMd(md(['W', '1.35', '', '', '1.30–', '', ''], ['I', '1.33', '1.36', '', '1.33–1.35', '1.36–', ''], ['A', '', '', '1.32–', '', '', ''], ['D', '1.0', '', '', '', '1.0–1.32', '1.33–']));
    expect(Object.fromEntries(gates)).toEqual({
      W: [{ stage: 'beta', defaultValue: false, minor: 30, locked: false }, { stage: 'beta', defaultValue: true, minor: 35, locked: false }],
      I: [{ stage: 'beta', defaultValue: true, minor: 33, locked: false }, { stage: 'stable', defaultValue: true, minor: 36, locked: true }],
      A: [{ stage: 'alpha', defaultValue: false, minor: 32, locked: false }],
      D: [{ stage: 'stable', defaultValue: true, minor: 0, locked: false }, { stage: 'deprecated', defaultValue: true, minor: 33, locked: false }],
    });
    expect(() => readFeatureListMd(md(['G', 'soon', '', '1.30–', '', '', '']))).toThrow('G Enabled ":ballot_box_with_check:&nbsp;soon+"');
    expect(() => readFeatureListMd(md(['G', '', '', 'v1.30', '', '', '']))).toThrow('G alpha range "v1.30"');
    expect(() => readFeatureListMd('# Kubernetes Feature Gates\n')).toThrow('no gate rows');
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
