// Schema check: spec.config.nodes[] (required keys, enums, addresses, roles, SSH, legacy spellings).
import { describe, expect, it } from 'vitest';
import { brief, cluster, schemaFindings } from './helpers';

// Node lines start at line 18 of cluster().
const nodes = (text: string) => schemaFindings(cluster(text));

describe('nodes', () => {
  it('accepts a node with every optional key', () => {
    expect(
      nodes(`      - hostname: wk-1
        privateIP: 10.0.0.21
        arch: arm64
        operatingSystem: Ubuntu24.04
        roles: [Worker, Storage]
        interface: eth0
        labels: {infra: "true"}
        annotations: {note: text}
        taints: [{key: infra, value: "true", effect: NoExecute}]
        kubeletExtraArgs: {max-pods: "110"}
        kubeletConfigurationOverrides: "maxPods: 110"
        ssh: {ipAddress: wk-1.example.com, port: "2222", username: ubuntu, privateKeyPath: ~/.ssh/id, passphrase: x}
`),
    ).toEqual([]);
  });

  it('reports a missing required key of node 3 on the first key of that node', () => {
    const text = `      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - {hostname: wk-1, privateIP: 10.0.0.21, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}
      - hostname: wk-2
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
`;
    expect(nodes(text).map(brief)).toEqual(['20:8-20:16 schema/required Missing required key `privateIP` in node 3 (`wk-2`).']);
  });

  it('reports a misspelled node key once, with a rename fix, and not its missing canonical key', () => {
    const findings = nodes(`      - hostnme: cp-1
        privateIP: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [ControlPlane]
`);
    expect(findings.map(brief)).toEqual(['18:8-18:15 schema/unknown-key Unknown key `hostnme` in node 1. Did you mean `hostname`?']);
    expect(findings[0].fixes).toEqual([
      { title: 'Rename to `hostname`', edits: [{ range: findings[0].range, newText: 'hostname' }], preferred: true },
    ]);
  });

  it('matches a key that differs only in case (privateIp → privateIP)', () => {
    const findings = nodes('      - {hostname: a, privateIp: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}\n');
    expect(findings.map(brief)).toEqual(['18:22-18:31 schema/unknown-key Unknown key `privateIp` in node 1 (`a`). Did you mean `privateIP`?']);
  });

  it('leaves the legacy privateip key and the Master role to the legacy-names rule', () => {
    expect(nodes('      - {hostname: a, privateip: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Master]}\n')).toEqual([]);
  });

  it('reports an arch that is no near miss without a fix, and a near miss with one', () => {
    const findings = nodes(`      - {hostname: a, privateIP: 10.0.0.1, arch: x86, operatingSystem: Ubuntu22.04, roles: [Worker]}
      - {hostname: b, privateIP: 10.0.0.2, arch: "amd46", operatingSystem: Ubuntu22.04, roles: [Worker]}
`);
    expect(findings.map(brief)).toEqual([
      '18:49-18:52 schema/enum `arch` must be one of amd64, arm64; got `x86`.',
      '19:49-19:56 schema/enum `arch` must be one of amd64, arm64; got `amd46`. Did you mean `amd64`?',
    ]);
    expect(findings[0].fixes).toBeUndefined();
    // The value was double-quoted, so the fix keeps the quotes.
    expect(findings[1].fixes?.[0].edits[0].newText).toBe('"amd64"');
  });

  it('reports roles: unknown entry with a fix, duplicates, and an empty list', () => {
    const findings = nodes(`      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane, Wroker]}
      - {hostname: b, privateIP: 10.0.0.2, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker, Worker]}
      - {hostname: c, privateIP: 10.0.0.3, arch: amd64, operatingSystem: Ubuntu22.04, roles: []}
`);
    expect(findings.map(brief)).toEqual([
      '18:108-18:114 schema/enum Entry 2 of `roles` must be one of ControlPlane, Worker, Storage; got `Wroker`. Did you mean `Worker`?',
      '19:102-19:108 schema/unique `roles` lists `Worker` more than once.',
      '20:93-20:95 schema/min-items `roles` needs at least 1 entry.',
    ]);
    expect(findings[0].fixes?.[0].edits[0].newText).toBe('Worker');
  });

  it('accepts IPv4 and IPv6 private IPs, rejects anything else on the value', () => {
    const findings = nodes(`      - {hostname: a, privateIP: "fd00::11", arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}
      - {hostname: b, privateIP: 10.0.0.256, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}
      - {hostname: c, privateIP: 10.0.0.3/24, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}
`);
    expect(findings.map(brief)).toEqual([
      '19:33-19:43 schema/format `privateIP` must be an IPv4 or IPv6 address like 10.0.0.11; got `10.0.0.256`.',
      '20:33-20:44 schema/format `privateIP` must be an IPv4 or IPv6 address like 10.0.0.11; got `10.0.0.3/24`.',
    ]);
  });

  it('checks the node ssh block: host name or IP, port as string or integer', () => {
    const findings = nodes(`      - hostname: a
        privateIP: 10.0.0.1
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
        ssh: {ipAddress: 203.0.113.300, port: 22, user: root}
`);
    expect(findings.map(brief)).toEqual([
      '23:50-23:54 schema/unknown-key Unknown key `user` in `ssh` of node 1 (`a`). Expected one of: username, privateKeyPath, passphrase.',
      '23:25-23:38 schema/format `ipAddress` must be an IP address or a host name; got `203.0.113.300`.',
    ]);
  });

  it('leaves operatingSystem strings to the configurable operating-system rule (one finding, with its fix)', () => {
    expect(nodes('      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu 22.04, roles: [Worker]}\n')).toEqual([]);
    expect(nodes('      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Plan9, roles: [Worker]}\n')).toEqual([]);
  });

  it('reports a node that is not a map', () => {
    expect(nodes('      - cp-1\n').map(brief)).toEqual(['18:8-18:12 schema/type Entry 1 of `nodes` must be a map of keys; got `cp-1`.']);
  });
});
