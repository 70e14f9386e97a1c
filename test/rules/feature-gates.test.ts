import { describe, expect, it } from 'vitest';
import { featureGates } from '../../server/src/engine/rules/featureGates';
import { parseFeatureGates } from '../../server/src/engine/support/featureGateList';
import { coveredMinor, gateSource, gateSources, gateStatus } from '../../server/src/engine/support/featureGateTable';
import table from '../../server/src/engine/data/featureGates.json';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

/** A cluster at `version` whose cluster-wide kubelet gets `line` under kubeletExtraArgs (line 8). */
const kubelet = (version: string, line: string, ...more: string[]) =>
  yaml(...clusterHead, '  config:', `    kubernetesVersion: ${version}`, '    kubeletExtraArgs:', `      ${line}`, ...more);

describe('feature-gate table', () => {
  it('is cited and covers every gate of the docs through its newest release', () => {
    expect(gateSource.upstream).toBe('kubernetes/website');
    expect(gateSource.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(gateSource.path).toBe('content/en/docs/reference/command-line-tools-reference/feature-gates');
    expect(coveredMinor).toBeGreaterThanOrEqual(36);
    // v1.36 comes from Kubernetes' own generated list, cited by repo, path and commit (and a hash of the file read).
    expect(gateSources[1]).toMatchObject({ upstream: 'kubernetes/kubernetes', path: 'test/compatibility_lifecycle/reference/versioned_feature_list.yaml' });
    expect(gateSources[1].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(gateSources[2]).toMatchObject({ path: 'test/compatibility_lifecycle/reference/feature_list.md', commit: gateSources[1].commit });
    // Every gate says which sources gave its rows; every 1.36 fact names a v1.36 list (the YAML or feature_list.md).
    for (const [name, gate] of Object.entries(table.gates as unknown as Record<string, { stages: [string, boolean, string, string | null][]; src?: number[]; removed?: boolean; removedEvidence?: string }>)) {
      const src = gate.src ?? [0];
      expect(src.every((i) => gateSources[i] !== undefined), name).toBe(true);
      if (gate.stages.some(([, , from]) => from === '1.36')) expect(src.includes(1) || src.includes(2), name).toBe(true);
      if (gate.removedEvidence) expect(src, name).toEqual(expect.arrayContaining([1, 2, 3]));
    }
  });

  it('knows the gates v1.36 added, changed and removed', () => {
    // WorkloadWithJob: alpha from 1.36 (versioned_feature_list.yaml; the docs page says the same).
    expect(gateStatus('WorkloadWithJob', 36)).toMatchObject({ kind: 'active', stage: 'alpha', defaultValue: false, since: 36 });
    expect(gateStatus('WorkloadWithJob', 35)).toEqual({ kind: 'not-yet', from: 36 });
    // CSIMigrationPortworx: stable and locked since 1.33 in the docs, gone from the v1.36 list (and the 1.36 changelog).
    expect(gateStatus('CSIMigrationPortworx', 35)).toMatchObject({ kind: 'active', stage: 'stable' });
    expect(gateStatus('CSIMigrationPortworx', 36)).toEqual({ kind: 'removed', lastMinor: 35 });
    // VolumeAttributesClass: stable from 1.34, locked from 1.36.
    expect(gateStatus('VolumeAttributesClass', 35)).toMatchObject({ kind: 'active', stage: 'stable', locked: false });
    // GA since 1.34 (the lock does not restart the stage).
    expect(gateStatus('VolumeAttributesClass', 36)).toMatchObject({ kind: 'active', stage: 'stable', locked: true, since: 34 });
    // Client-go's gates are not in the YAML list; feature_list.md of the same commit has them.
    expect(gateStatus('WatchListClient', 36)).toMatchObject({ kind: 'active', stage: 'beta', defaultValue: true });
    expect(gateStatus('InOrderInformers', 36)).toMatchObject({ kind: 'active', stage: 'stable', locked: true, since: 36 });
    // The message for a gate locked in 1.36 names when its stage began.
    expect(run(featureGates, kubelet('v1.36.0', 'feature-gates: VolumeAttributesClass=false')).map((f) => [f.severity, f.message])).toEqual([
      ['error', 'kubelet feature gate VolumeAttributesClass is locked to true in v1.36 (stable since v1.34): setting it to false makes the kubelet refuse to start.'],
    ]);
    expect(gateStatus('AtomicFIFO', 35)).toEqual({ kind: 'not-yet', from: 36 });
  });

  it('knows when a gate was removed, deprecated, locked or not there yet', () => {
    // DynamicKubeletConfig: deprecated 1.22–1.25, removed: true.
    expect(gateStatus('DynamicKubeletConfig', 25)).toMatchObject({ kind: 'active', stage: 'deprecated' });
    expect(gateStatus('DynamicKubeletConfig', 26)).toEqual({ kind: 'removed', lastMinor: 25 });
    // NodeSwap: stable and locked from 1.34.
    expect(gateStatus('NodeSwap', 34)).toMatchObject({ kind: 'active', stage: 'stable', locked: true, defaultValue: true });
    expect(gateStatus('NodeSwap', 20)).toEqual({ kind: 'not-yet', from: 22 });
    // A later stage wins over an earlier one the docs leave open; a default changing within a stage keeps its start.
    expect(gateStatus('DisableNodeKubeProxyVersion', 33)).toMatchObject({ stage: 'deprecated', defaultValue: true, since: 31 });
    // The old name of a renamed gate has its own page, removed: true.
    expect(gateStatus('PodHasNetworkCondition', 30)).toEqual({ kind: 'removed', lastMinor: 27 });
    expect(gateStatus('NoSuchGate', 30)).toEqual({ kind: 'unknown' });
  });

  it('reads feature-gates as Kubernetes does: comma-separated, trimmed, Go booleans', () => {
    expect(parseFeatureGates(' A=true,,B = F ,C,D=maybe').map((e) => [e.name, e.valueText, e.value, e.nameStart, e.nameEnd])).toEqual([
      ['A', 'true', true, 1, 2],
      ['B', 'F', false, 9, 10],
      ['C', undefined, undefined, 16, 17],
      ['D', 'maybe', undefined, 18, 19],
    ]);
  });
});

describe('feature-gates', () => {
  it('is an error on a gate removed before the cluster version, at the gate inside the string, with a fix', () => {
    const text = kubelet('v1.32.4', 'feature-gates: "RotateKubeletServerCertificate=true,DynamicKubeletConfig=false"');
    const findings = run(featureGates, text);
    expect(findings.map(brief)).toEqual([
      {
        severity: 'error',
        range: range(8, 58, 8, 78),
        message:
          'kubelet feature gate DynamicKubeletConfig was removed in v1.26 (last release with it: v1.25): the kubelet of v1.32 does not recognise it and refuses to start ("unrecognized feature gate").',
      },
    ]);
    expect(applyFix(text, findings[0])).toBe(kubelet('v1.32.4', 'feature-gates: "RotateKubeletServerCertificate=true"'));
  });

  it('checks control-plane extraArgs and node-level kubelet flags too, naming the component', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    kubernetesVersion: v1.32.4',
      '    controlPlaneOverrides:',
      '      kubeApiserver:',
      '        extraArgs:',
      '          feature-gates: TTLAfterFinished=true',
      '    nodes:',
      '      - hostname: n1',
      '        kubeletExtraArgs: {feature-gates: "CSIMigration=true"}',
    );
    expect(run(featureGates, text).map((f) => [f.range, f.message.split(': the')[0]])).toEqual([
      [range(10, 25, 10, 41), 'kube-apiserver feature gate TTLAfterFinished was removed in v1.25 (last release with it: v1.24)'],
      [range(13, 43, 13, 55), 'kubelet feature gate CSIMigration was removed in v1.27 (last release with it: v1.26)'],
    ]);
  });

  it('maps positions through a folded or block string', () => {
    const text = kubelet('v1.32.4', 'feature-gates: >-', '        GracefulNodeShutdown=true,', '        DynamicKubeletConfig=true');
    const findings = run(featureGates, text);
    expect(findings.map((f) => f.range)).toEqual([range(10, 8, 10, 28)]);
    // The fix removes the gate and the comma before it across the fold.
    expect(applyFix(text, findings[0])).toBe(kubelet('v1.32.4', 'feature-gates: >-', '        GracefulNodeShutdown=true'));
  });

  it('is an error on a gate newer than the cluster version', () => {
    // NodeSwap first appears in 1.22.
    expect(run(featureGates, kubelet('v1.21.0', 'feature-gates: NodeSwap=true')).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(8, 21, 8, 29),
        message: 'kubelet feature gate NodeSwap first appears in v1.22: the kubelet of v1.21 does not recognise it and refuses to start ("unrecognized feature gate").',
      },
    ]);
  });

  it('is an error to set a locked gate against its default, info to set a GA gate to it', () => {
    const findings = run(featureGates, kubelet('v1.34.1', 'feature-gates: NodeSwap=false,KubeletTracing=true'));
    expect(findings.map((f) => [f.severity, f.range, f.message])).toEqual([
      ['error', range(8, 21, 8, 29), 'kubelet feature gate NodeSwap is locked to true in v1.34 (stable since v1.34): setting it to false makes the kubelet refuse to start.'],
      [
        'info',
        range(8, 36, 8, 50),
        'kubelet feature gate KubeletTracing is GA in v1.34 (since v1.34, default true); GA gates are removed a few releases later, and a component given a removed gate refuses to start.',
      ],
    ]);
  });

  it('warns about a deprecated gate', () => {
    expect(run(featureGates, kubelet('v1.32.4', 'feature-gates: KMSv1=true')).map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'kubelet feature gate KMSv1 is deprecated in v1.32 (since v1.28); it will be removed in a later release.'],
    ]);
  });

  it('warns about an unknown name with did-you-mean and a fix, and honours mksGitops.knownFeatureGates', () => {
    const text = kubelet('v1.32.4', 'feature-gates: GracefulNodeShutdwn=true');
    const [finding] = run(featureGates, text);
    expect(brief(finding)).toEqual({
      severity: 'warning',
      range: range(8, 21, 8, 40),
      message:
        'Unknown kubelet feature gate GracefulNodeShutdwn: it is not in the Kubernetes feature-gate table (through v1.36). Did you mean GracefulNodeShutdown? A component refuses to start on a gate it does not recognise; if this one is newer than the table, add it to mksGitops.knownFeatureGates.',
    });
    expect(applyFix(text, finding)).toBe(kubelet('v1.32.4', 'feature-gates: GracefulNodeShutdown=true'));
    expect(run(featureGates, text, { settings: { knownFeatureGates: ['GracefulNodeShutdwn'] } })).toEqual([]);
  });

  it('reports malformed parts instead of passing them', () => {
    const findings = run(featureGates, kubelet('v1.32.4', "feature-gates: 'GracefulNodeShutdown,NodeSwap=maybe'"));
    expect(findings.map(brief)).toEqual([
      {
        severity: 'error',
        range: range(8, 22, 8, 42),
        message: '"GracefulNodeShutdown" in kubelet feature-gates is not name=true|false: the component refuses to start ("malformed pair, expect string=bool").',
      },
      {
        severity: 'error',
        range: range(8, 52, 8, 57),
        message: '"maybe" is not a boolean for feature gate NodeSwap (kubelet): use true or false; the component refuses to start on it.',
      },
    ]);
  });

  it('says what it cannot check without a usable kubernetesVersion, and still checks the syntax', () => {
    const noVersion = yaml(...clusterHead, '  config:', '    kubeletExtraArgs:', '      feature-gates: DynamicKubeletConfig=true,Foo');
    expect(run(featureGates, noVersion).map((f) => [f.severity, f.message.slice(0, 60)])).toEqual([
      ['error', '"Foo" in kubelet feature-gates is not name=true|false: the c'],
      ['info', 'Feature gates are not checked against a Kubernetes version: '],
    ]);
    expect(run(featureGates, kubelet('latest', 'feature-gates: DynamicKubeletConfig=true')).map((f) => f.message)).toEqual([
      'Feature gates are not checked against a Kubernetes version: "latest" is not a version like v1.33.4.',
    ]);
  });

  it('says the table ends before a newer cluster version, and checks it with the newest facts', () => {
    const findings = run(featureGates, kubelet(`v1.${coveredMinor + 1}.0`, 'feature-gates: DynamicKubeletConfig=true'));
    expect(findings.map((f) => f.severity)).toEqual(['info', 'error']);
    expect(findings[0].message).toContain(`covers Kubernetes through v1.${coveredMinor}`);
  });

  it('checks featureGates in kubeletConfigurationOverrides at their line inside the text', () => {
    const text = kubelet('v1.32.4', 'max-pods: "110"', '    kubeletConfigurationOverrides: |', '      maxPods: 110', '      featureGates:', '        DynamicKubeletConfig: true', '        NodeSwap: maybe');
    expect(run(featureGates, text).map((f) => [f.severity, f.range, f.message.slice(0, 45)])).toEqual([
      ['error', range(13, 18, 13, 23), 'featureGates.NodeSwap in kubeletConfiguration'],
      ['error', range(12, 8, 12, 28), 'kubelet feature gate DynamicKubeletConfig was'],
    ]);
  });

  it('on v1.36: a gate removed in 1.36 is an error and a gate added in 1.36 passes; on v1.35 the other way round', () => {
    const line = 'feature-gates: "CSIMigrationPortworx=true,WorkloadWithJob=true"';
    const on36 = run(featureGates, kubelet('v1.36.0', line));
    expect(on36.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        'kubelet feature gate CSIMigrationPortworx was removed in v1.36 (last release with it: v1.35): the kubelet of v1.36 does not recognise it and refuses to start ("unrecognized feature gate").',
      ],
    ]);
    const on35 = run(featureGates, kubelet('v1.35.2', line));
    expect(on35.filter((f) => f.severity === 'error').map((f) => f.message.slice(0, 46))).toEqual(['kubelet feature gate WorkloadWithJob first app']);
    expect(on35.some((f) => f.message.includes('CSIMigrationPortworx') && f.severity === 'error')).toBe(false);
  });

  it('passes gates that exist in the cluster version', () => {
    expect(run(featureGates, kubelet('v1.32.4', 'feature-gates: "GracefulNodeShutdown=true, NodeSwap=true"'))).toEqual([]);
  });
});
