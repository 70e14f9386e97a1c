// The 2021 rctl format is recognised, never skipped: one finding on the document (no cascade of schema errors),
// whose quick fix is the migration. v3 specs with legacy spellings (the seed page's `privateip`) stay v3 specs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_FORMAT, MIGRATE_TITLE } from '../../server/src/engine/migrate/legacyFormat';
import { migrateFile } from '../../server/src/engine/migrate/migrateFile';
import { defaultSettings } from '../../server/src/engine/settings';
import { mayHoldSpecs } from '../../server/src/engine/specFiles';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { applyEdits } from '../rules/helpers';

const legacy = readFileSync(path.join(__dirname, 'fixtures', 'legacy-2021.yaml'), 'utf8');
const check = (text: string, options = {}) => validate(new YamlFile('file:///spec.yaml', text), options);

describe('legacy-format: the 2021 rctl cluster format', () => {
  it('gets exactly one error on its kind line, saying what it is and what the migration drops and infers', () => {
    const findings = check(legacy);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.code).toBe(LEGACY_FORMAT);
    expect(finding.severity).toBe('error');
    expect(finding.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    expect(finding.message).toBe(
      'This cluster spec is in the 2021 rctl format (kind Cluster, spec.type mks, no apiVersion), which GitOps System Sync ' +
        'cannot use and this extension does not check field by field: System Sync needs the v3 extended spec. ' +
        'The quick fix (or `mks-gitops migrate FILE`) rewrites it as v3; it drops storageClasses, defaultStorageClass, ' +
        'nodes[].storageDeviceLocation, nodes[].ipv6Address (no v3 home) and infers proxy.allowInsecureBootstrap, ' +
        'nodes[].interface, nodes[].operatingSystem, nodes[].ssh.ipAddress (check them).',
    );
  });

  it('offers the migration as its preferred fix, one edit giving the same text as mks-gitops migrate', () => {
    const [finding] = check(legacy);
    expect(finding.fixes).toHaveLength(1);
    const [fix] = finding.fixes!;
    expect(fix.title).toBe(MIGRATE_TITLE);
    expect(fix.title).toBe('Migrate to the v3 extended spec (apiVersion infra.k8smgmt.io/v3)');
    expect(fix.preferred).toBe(true);
    const fixed = applyEdits(legacy, fix.edits);
    expect(fixed).toBe(migrateFile(new YamlFile('file:///spec.yaml', legacy)).text);
    expect(check(fixed).map((f) => f.code)).not.toContain(LEGACY_FORMAT);
  });

  it('is found in a multi-document file, with its own fix range, the other documents untouched', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
    const text = `${deployment}---\n${legacy}`;
    const findings = check(text);
    expect(findings.map((f) => [f.code, f.range.start.line])).toEqual([[LEGACY_FORMAT, 6]]);
    const fixed = applyEdits(text, findings[0].fixes![0].edits);
    expect(fixed.startsWith(`${deployment}---\n# Migrated from the 2021 rctl format`)).toBe(true);
  });

  it('still reports the format, without a fix, when the migration cannot write it (an alias into a dropped key)', () => {
    const aliased = legacy
      .replace('    storageClasses:\n', '    storageClasses: &classes\n')
      .replace('        networkInterface: eth0\n', '        networkInterface: eth0\n        labels: {classes: *classes}\n');
    const findings = check(aliased);
    expect(findings.map((f) => [f.code, f.severity, f.fixes])).toEqual([[LEGACY_FORMAT, 'error', undefined]]);
    expect(findings[0].message).toMatch(
      /System Sync needs the v3 extended spec\. The quick fix is not offered: document 1 cannot be rewritten automatically: Unresolved alias .*classes; rewrite it by hand\.$/,
    );
  });

  it('keeps an anchor on the port it turns into a string, so aliases of it still resolve', () => {
    const anchored = legacy.replace('        sshPort: 22\n', '        sshPort: &port 22\n').replace('        sshPort: 2222\n', '        sshPort: *port\n');
    const [finding] = check(anchored);
    const migrated = applyEdits(anchored, finding.fixes![0].edits);
    expect(migrated).toContain('          port: &port "22"\n');
    expect(migrated).toContain('          port: *port\n');
  });

  it('passes the workspace scans\' cheap text filter, though it names no API group', () => {
    expect(mayHoldSpecs(legacy)).toBe(true);
    expect(mayHoldSpecs('kind: Cluster\nspec:\n  type: eks\n')).toBe(false);
  });

  it('takes its severity from the settings like every rule', () => {
    const settings = { ...defaultSettings, severity: { ...defaultSettings.severity, [LEGACY_FORMAT]: 'warning' as const } };
    expect(check(legacy, { settings }).map((f) => f.severity)).toEqual(['warning']);
  });

  it('reports the YAML syntax errors of a broken 2021-format document, even where other YAML is left alone', () => {
    const broken = legacy.replace('    autoApproveNodes: true\n', '    autoApproveNodes: [true\n');
    const findings = check(broken);
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(['yaml-syntax']));
  });

  it('is not claimed for other documents: a v3 spec, another cluster type, other YAML', () => {
    expect(check(legacy.replace('kind: Cluster\n', 'apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\n')).map((f) => f.code)).not.toContain(LEGACY_FORMAT);
    expect(check(legacy.replace('type: mks', 'type: eks'))).toEqual([]);
    expect(check('kind: Cluster\nmetadata:\n  name: x\n')).toEqual([]);
    expect(check('apiVersion: apps/v1\nkind: Deployment\nspec:\n  type: mks\n')).toEqual([]);
  });

  it("leaves a v3 spec with the seed page's legacy spellings to legacy-names, with its privateip fix", () => {
    const seedLike = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: demo
  project: defaultproject
spec:
  type: mks
  blueprint:
    name: minimal
  cloudCredentials: mks-creds
  config:
    kubernetesVersion: v1.34.2
    network:
      cni:
        name: Calico
        version: 3.26.1
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      - hostname: node-1
        privateip: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu20.04
        roles: [ControlPlane, Worker]
`;
    const findings = check(seedLike);
    expect(findings.map((f) => f.code)).not.toContain(LEGACY_FORMAT);
    const privateip = findings.find((f) => f.code === 'legacy-names');
    expect(privateip?.message).toBe('privateip is not the MKS v3 name: use privateIP.');
    expect(privateip?.fixes?.[0].title).toBe('Rename privateip to privateIP');
    expect(applyEdits(seedLike, privateip!.fixes![0].edits)).toContain('        privateIP: 10.0.0.11\n');
  });
});
