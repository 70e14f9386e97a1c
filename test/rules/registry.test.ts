// The rule list: stable, documented ids; one id per rule (two of them cover both spec kinds).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/engine/rules';
import { repoRoot } from '../cli/runCli';

describe('rule registry', () => {
  it('has one kebab-case id per rule and spec kind, each with a description', () => {
    const keys = rules.map((r) => `${r.appliesTo}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
    }
    expect([...new Set(rules.map((r) => r.id))].sort()).toEqual([
      'control-plane-required',
      'credentials-plaintext-secret',
      'credentials-reference',
      'dedicated-control-plane',
      'duplicate-hostname',
      'duplicate-private-ip',
      'embedded-yaml',
      'feature-gates',
      'ha-control-plane-count',
      'kubelet-flag-conflict',
      'kubernetes-version',
      'legacy-names',
      'operating-system',
      'placement-node-selector',
      'placement-tolerations',
      'proxy',
      'ssh-port-string',
      'ssh-source',
      'subnets',
      'toleration-semantics',
      'windows-nodes',
    ]);
    expect(rules.filter((r) => r.id === 'ssh-port-string').map((r) => r.appliesTo)).toEqual(['Cluster', 'Credentials']);
    expect(rules.filter((r) => r.id === 'credentials-plaintext-secret').map((r) => r.appliesTo)).toEqual(['Credentials', 'Cluster']);
  });

  it("is what the settings UI lists under mksGitops.rules, each with the rule's own description", () => {
    const read = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8'));
    const manifest = read('package.json');
    const nls = read('package.nls.json') as Record<string, string>;
    const listed = manifest.contributes.configuration.properties['mksGitops.rules'].properties as Record<string, { description: string }>;
    expect(Object.keys(listed).sort()).toEqual([...new Set(rules.map((r) => r.id))].sort());
    for (const rule of rules) expect(nls[listed[rule.id].description.slice(1, -1)], rule.id).toBe(rule.description);
  });
});
