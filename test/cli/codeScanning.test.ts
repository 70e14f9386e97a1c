// What code scanning gets from `validate`: SARIF rules with help for every registered rule and check (GitHub shows
// it beside each result), and GitLab's code quality JSON (`--format codequality`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/engine/rules';
import { SCHEMA_CODES } from '../../server/src/engine/schema/schemaValidation';
import { repoRoot, runCli } from './runCli';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help?: { text: string; markdown?: string };
  defaultConfiguration?: { level: string };
}

describe('SARIF rule help', () => {
  const sarif = JSON.parse(runCli(['validate', '--format', 'sarif', 'examples'], repoRoot).stdout);
  const driverRules = sarif.runs[0].tool.driver.rules as SarifRule[];
  const byId = new Map(driverRules.map((r) => [r.id, r]));

  it('lists every registered rule, the syntax check and every schema code, even when nothing was found', () => {
    const expected = new Set([...rules.map((r) => r.id), 'yaml-syntax', ...Object.values(SCHEMA_CODES)]);
    expect(sarif.runs[0].results).toEqual([]);
    for (const id of expected) expect(byId.has(id), id).toBe(true);
  });

  it('gives each rule help text and markdown that name it, say what it checks and how to change its level', () => {
    for (const rule of rules) {
      const descriptor = byId.get(rule.id);
      expect(descriptor?.help?.text, rule.id).toContain(rule.description);
      expect(descriptor?.help?.markdown, rule.id).toContain(`**${rule.id}**`);
      expect(descriptor?.help?.markdown, rule.id).toContain(rule.description);
      expect(descriptor?.help?.markdown, rule.id).toContain(`It reports at ${rule.defaultSeverity} level by default.`);
      expect(descriptor?.help?.markdown, rule.id).toContain(`\`{ "severity": { "${rule.id}": "off" } }\``);
    }
    for (const descriptor of driverRules) expect(descriptor.help?.text, descriptor.id).toMatch(/\S/);
  });

  it("carries each rule's header comment from its own file (what it checks and why)", () => {
    const dir = path.join(repoRoot, 'server', 'src', 'engine', 'rules');
    const sources = readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8'));
    for (const id of new Set(rules.map((r) => r.id))) {
      const source = sources.find((s) => s.includes(`id: '${id}'`));
      const firstLine = source?.split('\n')[0].replace(/^\/\/ /, '');
      expect(firstLine, id).toMatch(/\S/);
      expect(byId.get(id)?.help?.markdown, id).toContain(firstLine);
    }
  });
});

describe('GitLab code quality (--format codequality)', () => {
  const run = runCli(['validate', '--format', 'codequality', 'broken.yaml', 'rule-errors.yaml', 'deployment.yaml']);
  const issues = JSON.parse(run.stdout) as {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; lines: { begin: number; end: number } };
  }[];

  it('exits like the other formats: 1 with errors', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('is an array of issues with the fields GitLab requires', () => {
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(issue.description).toMatch(/\S/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1);
    }
  });

  it('maps errors to major and warnings to minor, on relative paths and 1-based lines', () => {
    const missing = issues.find((i) => i.check_name === 'control-plane-required');
    expect(missing).toMatchObject({ severity: 'major', location: { path: 'rule-errors.yaml', lines: { begin: 20 } } });
    const duplicates = issues.filter((i) => i.check_name === 'duplicate-private-ip');
    expect(duplicates.map((d) => d.severity)).toEqual(['major', 'major']); // an error (reference §11)
    expect(duplicates.map((d) => d.location.lines.begin)).toContain(27);
    // The same file with control-plane-required lowered to a warning (config/relax-rules.json): minor.
    const relaxed = JSON.parse(runCli(['validate', '--format', 'codequality', '--config', 'config/relax-rules.json', 'rule-errors.yaml']).stdout) as typeof issues;
    expect(relaxed.find((i) => i.check_name === 'control-plane-required')).toMatchObject({ severity: 'minor', location: { lines: { begin: 20 } } });
    expect(issues.find((i) => i.check_name === 'yaml-syntax')?.location.path).toBe('broken.yaml');
  });

  it('gives every issue its own fingerprint, the same on the next run', () => {
    const fingerprints = issues.map((i) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    const again = JSON.parse(runCli(['validate', '--format', 'codequality', 'broken.yaml', 'rule-errors.yaml', 'deployment.yaml']).stdout) as { fingerprint: string }[];
    expect(again.map((i) => i.fingerprint)).toEqual(fingerprints);
  });

  it('is an empty array for clean files', () => {
    const clean = runCli(['validate', '--format', 'codequality', 'examples'], repoRoot);
    expect(JSON.parse(clean.stdout)).toEqual([]);
    expect(clean.status).toBe(0);
  });
});
