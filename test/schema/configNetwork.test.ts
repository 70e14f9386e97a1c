// Schema check: spec.config (version, upgrade, overrides, SSH defaults) and spec.config.network.
import { describe, expect, it } from 'vitest';
import { brief, cluster, schemaFindings } from './helpers';

const node = `      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane, Worker]}
`;
/** The findings for a cluster whose config gets `lines` (indented 4) after kubernetesVersion (line 11). */
const withConfig = (lines: string) => schemaFindings(cluster(node, lines)).map(brief);

describe('spec.config', () => {
  it('accepts every optional config key with good values', () => {
    expect(
      withConfig(`    location: sanjose-us
    autoApproveNodes: true
    dedicatedControlPlane: false
    highAvailability: false
    installerTtl: 30
    platformVersion: v1.1.0
    kubeletExtraArgs: {max-pods: "250"}
    kubeletConfigurationOverrides: |
      maxPods: 250
    kubernetesUpgrade: {strategy: concurrent, params: {workerConcurrency: "100%"}}
    controlPlaneOverrides:
      kubeApiserver: {extraArgs: {audit-log-maxage: "30"}, extraVolumes: "- name: audit", extraVolumeMounts: "- name: audit"}
      kubeControllerManager: {extraArgs: {v: "2"}}
      kubeScheduler: {extraArgs: {v: "2"}}
    ssh: {username: ubuntu, port: "22", privateKeyPath: ~/.ssh/id_ed25519, passphrase: ""}
`),
    ).toEqual([]);
  });

  it('reports a Kubernetes version without the v, on the value', () => {
    const findings = schemaFindings(cluster(node).replace('kubernetesVersion: v1.33.1', 'kubernetesVersion: 1.33.1'));
    expect(findings.map(brief)).toEqual([
      '11:23-11:29 schema/pattern `kubernetesVersion` must be a version like v1.33.1 (with the leading v); got `1.33.1`.',
    ]);
    expect(findings[0].severity).toBe('error');
  });

  it('reports a version YAML reads as a number with a quoting fix that keeps what was written', () => {
    const findings = schemaFindings(cluster(node).replace('kubernetesVersion: v1.33.1', 'kubernetesVersion: 1.30'));
    expect(findings.map(brief)).toEqual(['11:23-11:27 schema/type `kubernetesVersion` must be a string; got the number 1.3. Quote it.']);
    expect(findings[0].fixes?.[0].edits[0].newText).toBe('"1.30"');
  });

  it('leaves the legacy k8sVersion and dedicatedMastersEnabled to the legacy-names rule (no unknown key, no missing key)', () => {
    const text = cluster(node, '    dedicatedMastersEnabled: true\n').replace('kubernetesVersion: v1.33.1', 'k8sVersion: v1.33.1');
    expect(schemaFindings(text)).toEqual([]);
  });

  it('reports a misspelled config key with the closest unused key', () => {
    expect(withConfig('    autoAproveNodes: true\n')).toEqual([
      '12:4-12:19 schema/unknown-key Unknown key `autoAproveNodes` in `spec.config`. Did you mean `autoApproveNodes`?',
    ]);
  });

  it('warns (inferred rules) on installerTtl below 1 and on a platformVersion without v', () => {
    const findings = schemaFindings(cluster(node, '    installerTtl: 0\n    platformVersion: 1.1.0\n'));
    expect(findings.map(brief)).toEqual([
      '12:18-12:19 schema/range `installerTtl` must be at least 1; got the number 0.',
      '13:21-13:26 schema/pattern `platformVersion` must be a version like v1.1.0 (with the leading v); got `1.1.0`.',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it.each(['"1"', '"3"', '"25"', '"1%"', '"50%"', '"100%"'])('accepts workerConcurrency %s', (value) => {
    expect(withConfig(`    kubernetesUpgrade: {strategy: concurrent, params: {workerConcurrency: ${value}}}\n`)).toEqual([]);
  });

  it.each(['"0"', '"0%"', '"150%"', '"50 %"', '"half"', '"-1"'])('rejects workerConcurrency %s', (value) => {
    const [finding, ...rest] = withConfig(`    kubernetesUpgrade: {strategy: concurrent, params: {workerConcurrency: ${value}}}\n`);
    expect(rest).toEqual([]);
    expect(finding).toBe(
      `12:74-12:${74 + value.length} schema/pattern \`workerConcurrency\` must be a count like "3" or a percentage from 1% to 100% like "50%"; got \`${value.slice(1, -1)}\`.`,
    );
  });

  it('reports an upgrade strategy typo with a fix, and the missing params', () => {
    const findings = schemaFindings(cluster(node, '    kubernetesUpgrade:\n      strategy: Concurrent\n'));
    expect(findings.map(brief)).toEqual([
      '12:4-12:21 schema/required Missing required key `params` in `spec.config.kubernetesUpgrade`.',
      '13:16-13:26 schema/enum `strategy` must be one of sequential, concurrent; got `Concurrent`. Did you mean `concurrent`?',
    ]);
    expect(findings[1].fixes).toEqual([
      { title: 'Change to `concurrent`', edits: [{ range: findings[1].range, newText: 'concurrent' }], preferred: true },
    ]);
  });

  it('names unknown control-plane components and their unknown keys', () => {
    expect(withConfig('    controlPlaneOverrides:\n      kubeApiServer: {}\n      kubeScheduler: {extraArg: {}}\n')).toEqual([
      '13:6-13:19 schema/unknown-key Unknown key `kubeApiServer` in `spec.config.controlPlaneOverrides`. Did you mean `kubeApiserver`?',
      '14:22-14:30 schema/unknown-key Unknown key `extraArg` in `spec.config.controlPlaneOverrides.kubeScheduler`. Did you mean `extraArgs`?',
    ]);
  });

  it('accepts the cluster SSH port as a string or an integer (the ssh-port-string rule flags the integer), not as text', () => {
    expect(withConfig('    ssh: {port: 22}\n')).toEqual([]);
    expect(withConfig('    ssh: {port: "ssh"}\n')).toEqual([
      '12:16-12:21 schema/pattern `port` must be a port number such as "22"; got `ssh`.',
    ]);
    expect(withConfig('    ssh: {port: 70000}\n')).toEqual(['12:16-12:21 schema/range `port` must be at most 65535; got the number 70000.']);
  });

  it('does not allow ipAddress at the cluster level (it is per node)', () => {
    expect(withConfig('    ssh: {ipAddress: 10.0.0.1}\n')).toEqual([
      '12:10-12:19 schema/unknown-key Unknown key `ipAddress` in `spec.config.ssh`. Expected one of: username, port, privateKeyPath, passphrase.',
    ]);
  });

  it('puts a missing nodes list on the config key, and an empty one on the value', () => {
    const text = cluster('');
    expect(schemaFindings(text.replace('    nodes:\n', '')).map(brief)).toEqual([
      '10:2-10:8 schema/required Missing required key `nodes` in `spec.config`.',
    ]);
    expect(schemaFindings(text.replace('    nodes:\n', '    nodes: []\n')).map(brief)).toEqual([
      '17:11-17:13 schema/min-items `nodes` needs at least 1 entry.',
    ]);
  });
});

describe('spec.config.network', () => {
  const network = (text: string) => schemaFindings(cluster(node).replace(/    network:\n(.|\n)*?    nodes:\n/, `${text}    nodes:\n`)).map(brief);

  it('accepts dual-stack subnets and nameservers', () => {
    expect(
      network(`    network:
      cni: {name: Cilium, version: 1.15.1}
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
      ipv6: {podSubnet: "2001:db8:42:0::/56", serviceSubnet: "2001:db8:42:1::/112"}
      nameservers: [10.0.0.2, "2001:db8::53"]
`),
    ).toEqual([]);
  });

  it('accepts a custom CNI name without a version', () => {
    expect(network('    network: {cni: {name: my-cni}, podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}\n')).toEqual([]);
  });

  it('reports bad CIDRs and addresses on the values', () => {
    expect(
      network(`    network:
      cni: {name: Calico}
      podSubnet: 10.244.0.0
      serviceSubnet: 10.96.0.0/33
      ipv6: {podSubnet: 10.1.0.0/16}
      nameservers: [dns.local]
`),
    ).toEqual([
      '14:17-14:27 schema/format `podSubnet` must be an IPv4 CIDR like 10.244.0.0/16; got `10.244.0.0`.',
      '15:21-15:33 schema/format `serviceSubnet` must be an IPv4 CIDR like 10.244.0.0/16; got `10.96.0.0/33`.',
      '16:24-16:35 schema/format `podSubnet` must be an IPv6 CIDR like 2001:db8:42::/56; got `10.1.0.0/16`.',
      '17:20-17:29 schema/format Entry 1 of `nameservers` must be an IPv4 or IPv6 address like 10.0.0.11; got `dns.local`.',
    ]);
  });

  it('reports missing network keys on the network key', () => {
    expect(network('    network:\n      cni: {version: 3.26.1}\n')).toEqual([
      '12:4-12:11 schema/required Missing required key `podSubnet` in `spec.config.network`.',
      '12:4-12:11 schema/required Missing required key `serviceSubnet` in `spec.config.network`.',
      '13:6-13:9 schema/required Missing required key `name` in `spec.config.network.cni`.',
    ]);
  });

  it('offers {name: …} for a CNI written as a bare name', () => {
    const findings = schemaFindings(cluster(node).replace('      cni:\n        name: Calico\n', '      cni: Calico\n'));
    expect(findings.map(brief)).toEqual(['13:11-13:17 schema/type `cni` must be a map of keys; got `Calico`.']);
    expect(findings[0].fixes?.[0]).toMatchObject({ title: 'Change to `{ name: Calico }`', edits: [{ newText: '{ name: Calico }' }] });
  });
});
