// The migration of the 2021 rctl format to the v3 extended spec (engine side): the mapping, kept comments and key
// order, the report of what was dropped and inferred, and that the result validates with only what the old file
// really lacked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { migrateFile } from '../../server/src/engine/migrate/migrateFile';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const legacy = fixture('legacy-2021.yaml');
const migrate = (text: string) => migrateFile(new YamlFile('file:///legacy.yaml', text));
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('migrate: 2021 rctl format → v3 extended spec', () => {
  const { text, documents } = migrate(legacy);
  const value = parse(text);

  it('writes the v3 spec the reference describes (hand-checked expected file)', () => {
    expect(text).toBe(fixture('legacy-2021.v3.yaml'));
  });

  it('maps every legacy key that has a v3 home', () => {
    expect(value.apiVersion).toBe('infra.k8smgmt.io/v3');
    expect(value.spec.blueprint).toEqual({ name: 'default' });
    expect(value.spec.config.kubernetesVersion).toBe('v1.34.2');
    expect(value.spec.config.dedicatedControlPlane).toBe(false);
    expect(value.spec.config).not.toHaveProperty('k8sVersion');
    expect(value.spec.config).not.toHaveProperty('operating_system');
    expect(value.spec.config.nodes[0]).toEqual({
      hostname: 'cp-1',
      operatingSystem: 'Ubuntu22.04',
      ssh: { ipAddress: '192.0.2.11', privateKeyPath: '/home/ops/.ssh/id_ed25519', port: '22', username: 'ubuntu' },
      interface: 'eth0',
      roles: ['ControlPlane', 'Worker'],
    });
    expect(value.spec.config.nodes[1].ssh.port).toBe('2222');
    expect(value.spec.config.nodes[1].operatingSystem).toBe('Ubuntu22.04');
    expect(value.spec).not.toHaveProperty('proxySettings');
    expect(value.spec.proxy).toEqual({
      enabled: true,
      httpProxy: 'http://proxy.example.com:3128',
      httpsProxy: 'http://proxy.example.com:3128',
      noProxy: '10.0.0.0/8,10.244.0.0/16,10.96.0.0/12',
      bootstrapCA: '-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n',
      allowInsecureBootstrap: false,
    });
  });

  it('keeps comments and key order', () => {
    for (const comment of ['# Our own spec in the 2021 rctl format', '# the blueprint by name', '# the control-plane version', '# reachable from the rctl host', '# storage used to be set here']) {
      expect(text).toContain(comment);
    }
    // Renamed keys stay where they were; the ssh block sits where the first SSH field was.
    const order = ['location:', 'kubernetesVersion:', 'autoApproveNodes:', 'highAvailability:', 'dedicatedControlPlane:', 'network:', 'nodes:'];
    const lines = order.map((key) => lineOf(text, `    ${key}`));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lineOf(text, '- hostname: cp-1')).toBeLessThan(lineOf(text, 'ssh:'));
    expect(lineOf(text, 'ssh:')).toBeLessThan(lineOf(text, 'interface: eth0'));
    expect(lineOf(text, 'interface: eth0')).toBeLessThan(lineOf(text, '- ControlPlane'));
    expect(Object.keys(value.spec)).toEqual(['type', 'blueprint', 'config', 'proxy']);
  });

  it('lists each dropped key with why, and marks inferred mappings', () => {
    const steps = documents[0].steps;
    expect(steps.filter((s) => s.action === 'dropped').map((s) => [s.from, s.value])).toEqual([
      ['spec.config.storageClasses', undefined],
      ['spec.config.defaultStorageClass', 'local'],
      ['spec.config.nodes[0].storageDeviceLocation', '/dev/sdb'],
      ['spec.config.nodes[0].ipv6Address', '2001:db8::11'],
    ]);
    expect(steps.find((s) => s.from === 'spec.config.storageClasses')?.why).toMatch(/storage comes from the blueprint.*§3\.5/);
    expect(steps.filter((s) => s.inferred).map((s) => s.to)).toEqual([
      'spec.proxy.allowInsecureBootstrap',
      'spec.config.nodes[0].interface',
      'spec.config.nodes[*].operatingSystem',
      'spec.config.nodes[0].ssh.ipAddress',
      'spec.config.nodes[1].ssh.ipAddress',
    ]);
    // The report is in the file too, above the spec.
    expect(text.startsWith('# Migrated from the 2021 rctl format to the v3 extended spec by `mks-gitops migrate`.\n# Dropped (no v3 home):\n')).toBe(true);
    expect(text).toContain('#   spec.config.nodes[0].ipv6Address (was "2001:db8::11"): v3 has no per-node IPv6 address');
    expect(text).toContain('# Inferred, check:\n#   spec.proxy.tlsTermination -> spec.proxy.allowInsecureBootstrap:');
  });

  it('then validates with no error but what the old file lacked (privateIP, arch), each on its node', () => {
    const findings = validate(new YamlFile('file:///migrated.yaml', text));
    const errors = findings.filter((f) => f.severity === 'error').map((f) => [f.range.start.line, f.message]);
    const cp = lineOf(text, '- hostname: cp-1');
    const wk = lineOf(text, '- hostname: wk-1');
    expect(errors).toEqual([
      [cp, 'Missing required key `privateIP` in node 1 (`cp-1`).'],
      [cp, 'Missing required key `arch` in node 1 (`cp-1`).'],
      [wk, 'Missing required key `privateIP` in node 2 (`wk-1`).'],
      [wk, 'Missing required key `arch` in node 2 (`wk-1`).'],
    ]);
    expect(findings.map((f) => f.code)).not.toContain('legacy-format');
  });

  it('is done once: the migrated file holds no 2021-format document', () => {
    expect(migrate(text).documents).toEqual([]);
    expect(migrate(text).text).toBe(text);
  });

  it('keeps the v3 key where the file sets both spellings, and says the legacy one was dropped', () => {
    const both = legacy.replace('    operating_system: Ubuntu22.04\n', '    operating_system: Ubuntu22.04\n    kubernetesVersion: v1.35.0\n');
    const result = migrate(both);
    expect(parse(result.text).spec.config.kubernetesVersion).toBe('v1.35.0');
    expect(result.documents[0].steps).toContainEqual({ action: 'dropped', from: 'spec.config.k8sVersion', value: 'v1.34.2', why: 'kubernetesVersion is also set here and is kept' });
  });

  it("gives the cluster OS only to nodes without their own, and keeps a node's ssh block", () => {
    const text2 = legacy
      .replace('      - hostname: wk-1\n', '      - hostname: wk-1\n        operatingSystem: Ubuntu24.04\n        ssh:\n          port: "2200"\n');
    const result = migrate(text2);
    const nodes = parse(result.text).spec.config.nodes;
    expect(nodes.map((n: { operatingSystem: string }) => n.operatingSystem)).toEqual(['Ubuntu22.04', 'Ubuntu24.04']);
    expect(nodes[1].ssh).toEqual({ port: '2200', ipAddress: '192.0.2.21', privateKeyPath: '/home/ops/.ssh/id_ed25519', username: 'ubuntu' });
    expect(result.documents[0].steps).toContainEqual(expect.objectContaining({ action: 'dropped', from: 'spec.config.nodes[1].sshPort', value: '2222' }));
    expect(result.documents[0].steps).toContainEqual(expect.objectContaining({ action: 'mapped', from: 'spec.config.operating_system', to: 'spec.config.nodes[0].operatingSystem' }));
  });

  it('leaves the other documents of the file byte for byte, and keeps CRLF line ends', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment # untouched\nmetadata:\n  name:   web\n';
    const v3 = fixture('legacy-2021.v3.yaml');
    const file = `${deployment}---\n${legacy}---\n${v3}`;
    const result = migrate(file);
    expect(result.documents.map((d) => d.index)).toEqual([1]);
    expect(result.text.startsWith(`${deployment}---\n# Migrated from the 2021 rctl format`)).toBe(true);
    expect(result.text.endsWith(`---\n${v3}`)).toBe(true);
    expect(parse(result.text.split('---\n')[1]).apiVersion).toBe('infra.k8smgmt.io/v3');

    const crlf = migrate(legacy.replace(/\n/g, '\r\n')).text;
    expect(crlf).toBe(text.replace(/\n/g, '\r\n'));
  });
});
