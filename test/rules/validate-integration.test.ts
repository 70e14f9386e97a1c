// The rules inside the engine: validate() runs them after the schema check, applies the severity
// settings, and keeps the bundled examples free of rule findings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/engine/rules';
import { resolveSettings } from '../../server/src/engine/settings';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { clusterHead, yaml } from './helpers';

const ruleIds = new Set(rules.map((r) => r.id));
const text = yaml(
  ...clusterHead,
  '  blueprint: {name: minimal}',
  '  config:',
  '    kubernetesVersion: v1.29.4',
  '    highAvailability: true',
  '    network: {cni: {name: Calico}, podSubnet: 10.0.0.0/8, serviceSubnet: 10.96.0.0/12}',
  '    ssh: {username: ubuntu, port: 22}',
  '    nodes:',
  '      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane, Worker]}',
  '      - {hostname: cp-1, privateIP: 192.168.0.2, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]}',
);

describe('rules inside validate()', () => {
  it('reports the cross-field findings alongside the schema check, sorted by position', () => {
    const findings = validate(new YamlFile('file:///c.yaml', text)).filter((f) => ruleIds.has(f.code));
    expect(findings.map((f) => [f.range.start.line, f.code, f.severity])).toEqual([
      [7, 'kubernetes-version', 'warning'],
      [8, 'ha-control-plane-count', 'error'],
      [9, 'subnets', 'warning'],
      [10, 'ssh-source', 'info'],
      [10, 'ssh-port-string', 'warning'],
      [12, 'duplicate-hostname', 'error'],
      [12, 'subnets', 'warning'],
      [13, 'duplicate-hostname', 'error'],
    ]);
  });

  it('applies the severity settings: a rule set to off is silent, another raised to error', () => {
    const settings = resolveSettings({ severity: { subnets: 'off', 'kubernetes-version': 'error' } });
    const findings = validate(new YamlFile('file:///c.yaml', text), { settings }).filter((f) => ruleIds.has(f.code));
    expect(findings.some((f) => f.code === 'subnets')).toBe(false);
    expect(findings.find((f) => f.code === 'kubernetes-version')?.severity).toBe('error');
  });

  it('finds nothing to say about the bundled examples', () => {
    const dir = join(__dirname, '../../examples');
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const findings = validate(new YamlFile(name, readFileSync(join(dir, name), 'utf8'))).filter((f) => ruleIds.has(f.code));
      expect({ name, findings }).toEqual({ name, findings: [] });
    }
  });
});
