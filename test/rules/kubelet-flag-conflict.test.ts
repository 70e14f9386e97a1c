import { describe, expect, it } from 'vitest';
import table from '../../server/src/engine/data/kubeletFlags.json';
import { goDuration, kubeletFlagConflict } from '../../server/src/engine/rules/kubeletFlagConflict';
import { brief, clusterHead, range, run, yaml } from './helpers';

/** Cluster-wide kubelet flags (line 7 on) and config text lines. */
const cluster = (flags: string[], configLines: string[], ...rest: string[]) =>
  yaml(
    ...clusterHead,
    '  config:',
    '    kubeletExtraArgs:',
    ...flags.map((f) => `      ${f}`),
    '    kubeletConfigurationOverrides: |',
    ...configLines.map((l) => `      ${l}`),
    ...rest,
  );

describe('kubelet flag table', () => {
  it('is generated from the Kubernetes docs, cited, and places the renamed flags', () => {
    expect(table.source.upstream).toBe('kubernetes/website');
    expect(table.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(table.unmapped).toEqual([]);
    const flags = table.flags as Record<string, { field: string }>;
    expect(Object.keys(flags).length).toBeGreaterThanOrEqual(90);
    expect(flags['max-pods'].field).toBe('maxPods');
    expect(flags['cluster-dns'].field).toBe('clusterDNS');
    expect(flags['client-ca-file'].field).toBe('authentication.x509.clientCAFile');
    expect(flags['image-gc-high-threshold'].field).toBe('imageGCHighThresholdPercent');
  });

  it('reads Go durations', () => {
    expect([goDuration('2m0s'), goDuration('120s'), goDuration('1h30m'), goDuration('300ms'), goDuration('0'), goDuration('5 min')]).toEqual([
      120e9, 120e9, 5400e9, 300e6, 0, undefined,
    ]);
  });
});

describe('kubelet-flag-conflict', () => {
  it('warns on the flag where a flag and the config file set one field differently (max-pods vs maxPods)', () => {
    expect(run(kubeletFlagConflict, cluster(['max-pods: "250"'], ['maxPods: 110'])).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(7, 16, 7, 21),
        message:
          'max-pods "250" and maxPods: 110 in the cluster-wide kubeletConfigurationOverrides (line 10) set the same thing differently; the flag wins (Kubernetes docs: command-line flags override the config file).',
      },
    ]);
  });

  it('compares values as the kubelet reads them: numbers, durations, booleans, lists, maps, thresholds', () => {
    const same = cluster(
      ['max-pods: "110"', 'streaming-connection-idle-timeout: 4h0m0s', 'serialize-image-pulls: "false"', 'cluster-dns: 10.96.0.10', 'kube-reserved: cpu=1,memory=2Gi', 'eviction-hard: memory.available<100Mi'],
      ['maxPods: 110', 'streamingConnectionIdleTimeout: 4h', 'serializeImagePulls: false', 'clusterDNS: [10.96.0.10]', 'kubeReserved: {memory: 2Gi, cpu: "1"}', 'evictionHard: {memory.available: 100Mi}'],
    );
    expect(run(kubeletFlagConflict, same)).toEqual([]);
    const different = cluster(
      ['streaming-connection-idle-timeout: 5m', 'cluster-dns: 10.96.0.10,10.96.0.11', 'eviction-hard: memory.available<200Mi'],
      ['streamingConnectionIdleTimeout: 4h', 'clusterDNS: [10.96.0.10]', 'evictionHard: {memory.available: 100Mi}'],
    );
    expect(run(kubeletFlagConflict, different).map((f) => f.message.split(' set the same')[0])).toEqual([
      'streaming-connection-idle-timeout "5m" and streamingConnectionIdleTimeout: 4h in the cluster-wide kubeletConfigurationOverrides (line 12)',
      'cluster-dns "10.96.0.10,10.96.0.11" and clusterDNS: ["10.96.0.10"] in the cluster-wide kubeletConfigurationOverrides (line 13)',
      'eviction-hard "memory.available<200Mi" and evictionHard: {"memory.available":"100Mi"} in the cluster-wide kubeletConfigurationOverrides (line 14)',
    ]);
  });

  it('finds nested fields (client-ca-file vs authentication.x509.clientCAFile)', () => {
    const text = cluster(['client-ca-file: /etc/a.crt'], ['authentication:', '  x509:', '    clientCAFile: /etc/b.crt']);
    expect(run(kubeletFlagConflict, text).map((f) => f.message.split(' set the same')[0])).toEqual([
      'client-ca-file "/etc/a.crt" and authentication.x509.clientCAFile: /etc/b.crt in the cluster-wide kubeletConfigurationOverrides (line 12)',
    ]);
  });

  it('for feature gates, says the configuration wins', () => {
    const text = cluster(['feature-gates: NodeSwap=true,KubeletTracing=true'], ['featureGates:', '  NodeSwap: false', '  KubeletTracing: true']);
    expect(run(kubeletFlagConflict, text).map((f) => f.message)).toEqual([
      'feature-gates and featureGates in the cluster-wide kubeletConfigurationOverrides (line 10) set NodeSwap (true here, false there) differently; the configuration wins for feature gates (Kubernetes docs: gates given on the command line have the lowest precedence).',
    ]);
  });

  it('crosses levels: a node flag against the cluster config, the cluster flag against a node config', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    kubeletExtraArgs: {max-pods: "200"}',
      '    kubeletConfigurationOverrides: "podsPerCore: 10"',
      '    nodes:',
      '      - hostname: n1',
      '        kubeletExtraArgs: {pods-per-core: "20"}',
      '      - hostname: n2',
      '        kubeletConfigurationOverrides: "maxPods: 150"',
      '      - hostname: n3',
      '        kubeletExtraArgs: {max-pods: "150"}',
      '        kubeletConfigurationOverrides: "maxPods: 150"',
    );
    expect(run(kubeletFlagConflict, text).map((f) => [f.range.start.line, f.message.split(' set the same')[0]])).toEqual([
      [6, 'max-pods "200" and maxPods: 150 in n2\'s kubeletConfigurationOverrides (line 13)'],
      [10, 'pods-per-core "20" and podsPerCore: 10 in the cluster-wide kubeletConfigurationOverrides (line 8)'],
    ]);
  });

  it('says when it cannot compare the values, and is quiet when only one side sets the field', () => {
    const text = cluster(['register-with-taints: a=b:NoSchedule', 'max-pods: "110"'], ['registerWithTaints: [{key: a, value: b, effect: NoSchedule}]']);
    expect(run(kubeletFlagConflict, text).map((f) => [f.severity, f.message])).toEqual([
      ['info', 'register-with-taints is set here and as registerWithTaints in the cluster-wide kubeletConfigurationOverrides (line 11); the flag wins (Kubernetes docs: command-line flags override the config file).'],
    ]);
  });
});
