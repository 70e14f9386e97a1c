// Schema check: document root, metadata and the top of spec (blueprint, proxy, sharing, status).
import { describe, expect, it } from 'vitest';
import { brief, canonicalCluster, cluster, schemaFindings } from './helpers';

const node = `      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane, Worker]}
`;

describe('document root and metadata', () => {
  it('finds nothing in the canonical example of the reference (§9)', () => {
    expect(schemaFindings(canonicalCluster)).toEqual([]);
  });

  it('finds nothing in the small cluster the tests start from', () => {
    expect(schemaFindings(cluster(node))).toEqual([]);
  });

  it('allows a read-only status block of any shape', () => {
    const text = `${cluster(node)}status:\n  commonStatus: {conditionStatus: StatusOK}\n  conditions: [{type: ClusterReady, status: "True"}]\n`;
    expect(schemaFindings(text)).toEqual([]);
  });

  it('puts a missing top-level key on the kind key', () => {
    const text = cluster(node).replace('metadata:\n  name: demo\n  project: demo\n', '');
    expect(schemaFindings(text).map(brief)).toEqual(['1:0-1:4 schema/required Missing required key `metadata` in the Cluster spec.']);
  });

  it('puts a missing metadata key on the metadata key', () => {
    const text = cluster(node).replace('  project: demo\n', '');
    expect(schemaFindings(text).map(brief)).toEqual(['2:0-2:8 schema/required Missing required key `project` in `metadata`.']);
  });

  it('warns (inferred rule) when the name is not a DNS-1123 name', () => {
    const [finding] = schemaFindings(cluster(node).replace('name: demo', 'name: Demo_Cluster'));
    expect(brief(finding)).toBe(
      "3:8-3:20 schema/pattern `name` must be a DNS-1123 name: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. demo-mks); got `Demo_Cluster`.",
    );
    expect(finding.severity).toBe('warning');
  });

  it('reports a name longer than 63 characters once, as a length warning', () => {
    const long = 'a'.repeat(64);
    const findings = schemaFindings(cluster(node).replace('name: demo', `name: ${long}`));
    expect(findings.map(brief)).toEqual([`3:8-3:72 schema/length \`name\` must be at most 63 characters long; it has 64.`]);
    expect(findings[0].severity).toBe('warning');
  });

  it('reports an unknown top-level key on the key with a did-you-mean fix', () => {
    const text = `${cluster(node)}stauts: {}\n`;
    const findings = schemaFindings(text);
    expect(findings.map(brief)).toEqual(['19:0-19:6 schema/unknown-key Unknown key `stauts` in the Cluster spec. Did you mean `status`?']);
    expect(findings[0].fixes).toEqual([
      { title: 'Rename to `status`', edits: [{ range: findings[0].range, newText: 'status' }], preferred: true },
    ]);
  });

  it('reports label values that YAML reads as booleans, with a quoting fix', () => {
    const findings = schemaFindings(cluster(node).replace('  project: demo\n', '  project: demo\n  labels: {prod: true, tier: 1}\n'));
    expect(findings.map(brief)).toEqual([
      '5:17-5:21 schema/type `prod` must be a string; got `true`. Quote it.',
      '5:29-5:30 schema/type `tier` must be a string; got the number 1. Quote it.',
    ]);
    expect(findings[0].fixes?.[0]).toMatchObject({ title: 'Quote as `"true"`', edits: [{ newText: '"true"' }] });
  });
});

describe('spec top level', () => {
  it('reports a missing spec.type on the spec key (a Cluster with nodes is still recognised)', () => {
    const text = cluster(node).replace('  type: mks\n', '');
    expect(schemaFindings(text).map(brief)).toEqual(['5:0-5:4 schema/required Missing required key `type` in `spec`.']);
  });

  it('reports a wrong type on the value', () => {
    const text = cluster(node).replace('cloudCredentials: creds', 'cloudCredentials: [creds]');
    expect(schemaFindings(text).map(brief)).toEqual(['9:20-9:27 schema/type `cloudCredentials` must be a string; got a list.']);
  });

  it('leaves `blueprint: minimal` (legacy string form) and blueprintConfig/proxyConfig to the legacy-names rule', () => {
    const asString = cluster(node).replace('  blueprint:\n    name: minimal\n', '  blueprint: minimal\n');
    expect(schemaFindings(asString)).toEqual([]);
    const legacyKeys = cluster(node)
      .replace('  blueprint:\n', '  blueprintConfig:\n')
      .replace('  cloudCredentials: creds\n', '  cloudCredentials: creds\n  proxyConfig: {enabled: false}\n');
    expect(schemaFindings(legacyKeys)).toEqual([]);
  });

  it('reports blueprint keys: unknown and missing', () => {
    const text = cluster(node).replace('    name: minimal\n', '    nmae: minimal\n    version: 1\n');
    expect(schemaFindings(text).map(brief)).toEqual([
      '8:4-8:8 schema/unknown-key Unknown key `nmae` in `spec.blueprint`. Did you mean `name`?',
      '9:13-9:14 schema/type `version` must be a string; got the number 1. Quote it.',
    ]);
  });

  it('checks the proxy block: enabled is required, values typed, unknown keys named', () => {
    const text = cluster(node).replace(
      '  cloudCredentials: creds\n',
      '  cloudCredentials: creds\n  proxy:\n    httpProxy: http://proxy:3128\n    noproxy: 10.0.0.0/8\n',
    );
    expect(schemaFindings(text).map(brief)).toEqual([
      '12:4-12:11 schema/unknown-key Unknown key `noproxy` in `spec.proxy`. Did you mean `noProxy`?',
      '10:2-10:7 schema/required Missing required key `enabled` in `spec.proxy`.',
    ]);
  });

  it('checks sharing projects', () => {
    const text = cluster(node).replace('  cloudCredentials: creds\n', '  cloudCredentials: creds\n  sharing:\n    enabled: "yes"\n    projects: [{nme: p1}]\n');
    expect(schemaFindings(text).map(brief)).toEqual([
      '12:16-12:19 schema/unknown-key Unknown key `nme` in project 1 in `spec.sharing`. Did you mean `name`?',
      '11:13-11:18 schema/type `enabled` must be true or false; got `yes`.',
    ]);
  });
});
