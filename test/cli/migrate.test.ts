// `mks-gitops migrate FILE [--write]` through the built CLI: stdout by default (the file untouched), --write in place,
// the report and the migrated spec's findings on stderr, and exit codes that say what happened.
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const fixtureDir = path.join(__dirname, '..', 'migrate', 'fixtures');
const legacyText = readFileSync(path.join(fixtureDir, 'legacy-2021.yaml'), 'utf8');
const expectedV3 = readFileSync(path.join(fixtureDir, 'legacy-2021.v3.yaml'), 'utf8');

describe('mks-gitops migrate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mks-migrate-'));
    copyFileSync(path.join(fixtureDir, 'legacy-2021.yaml'), path.join(dir, 'legacy.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the v3 spec on stdout and leaves FILE as it was', () => {
    const run = runCli(['migrate', 'legacy.yaml'], dir);
    expect(run.stdout).toBe(expectedV3);
    expect(readFileSync(path.join(dir, 'legacy.yaml'), 'utf8')).toBe(legacyText);
  });

  it('reports each step on stderr, then what the migrated spec still lacks, each on its line; exit 1 for those errors', () => {
    const run = runCli(['migrate', 'legacy.yaml'], dir);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('legacy.yaml: document 1 (legacy-demo):');
    expect(lines).toContain('  added    apiVersion: the v3 extended spec is apiVersion infra.k8smgmt.io/v3 (reference §2)');
    expect(lines).toContain('  mapped   spec.config.k8sVersion -> spec.config.kubernetesVersion: reference §3.7');
    expect(lines).toContain('  mapped   spec.config.nodes[0].roles[0] Master -> ControlPlane: reference §3.7');
    expect(lines).toContain('  mapped   spec.config.nodes[1].sshPort -> spec.config.nodes[1].ssh.port: reference §3.4; v3 ssh.port is a string (§5 rule 21)');
    expect(lines).toContain(
      '  dropped  spec.config.storageClasses: v3 has no storage classes: storage comes from the blueprint (its storage add-on) and nodes with role Storage (reference §3.5)',
    );
    expect(lines.filter((l) => l.includes('[inferred: '))).toHaveLength(5);
    const stdoutLines = run.stdout.split('\n');
    const cp = stdoutLines.findIndex((l) => l.includes('- hostname: cp-1')) + 1;
    const wk = stdoutLines.findIndex((l) => l.includes('- hostname: wk-1')) + 1;
    const tail = lines.slice(lines.indexOf('The migrated spec still has findings (lines of the printed text):') + 1);
    expect(tail.filter((l) => l.includes(' error '))).toEqual([
      `<stdout>:${cp}:9 error schema/required Missing required key \`privateIP\` in node 1 (\`cp-1\`).`,
      `<stdout>:${cp}:9 error schema/required Missing required key \`arch\` in node 1 (\`cp-1\`).`,
      `<stdout>:${wk}:9 error schema/required Missing required key \`privateIP\` in node 2 (\`wk-1\`).`,
      `<stdout>:${wk}:9 error schema/required Missing required key \`arch\` in node 2 (\`wk-1\`).`,
    ]);
    expect(run.status).toBe(1);
  });

  it('--write replaces FILE (keeping its mode), and then the file validates to the same findings', () => {
    const file = path.join(dir, 'legacy.yaml');
    chmodSync(file, 0o640);
    const run = runCli(['migrate', 'legacy.yaml', '--write'], dir);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('legacy.yaml: written in the v3 extended spec.\n');
    expect(run.stderr).toContain('The migrated spec still has findings (lines of legacy.yaml):\nlegacy.yaml:');
    expect(readFileSync(file, 'utf8')).toBe(expectedV3);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const again = runCli(['validate', 'legacy.yaml'], dir);
    expect(again.stdout.split('\n').filter((l) => l.includes(' error ')).length).toBe(4);
  });

  it('exits 0 when the migrated spec is clean', () => {
    const complete = legacyText
      .replace('      - hostname: cp-1\n', '      - hostname: cp-1\n        privateIP: 10.0.0.11\n        arch: amd64\n')
      .replace('      - hostname: wk-1\n', '      - hostname: wk-1\n        privateIP: 10.0.0.21\n        arch: amd64\n');
    writeFileSync(path.join(dir, 'complete.yaml'), complete);
    const run = runCli(['migrate', 'complete.yaml'], dir);
    expect(run.stderr).not.toContain(' error ');
    expect(run.status).toBe(0);
  });

  it('validate reports the 2021 format as legacy-format, whose severity --config can set, and SARIF describes it', () => {
    const plain = runCli(['validate', 'legacy.yaml'], dir);
    expect(plain.status).toBe(1);
    expect(plain.stdout).toMatch(/^legacy\.yaml:2:1 error legacy-format This cluster spec is in the 2021 rctl format /);
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ severity: { 'legacy-format': 'warning' } }));
    const configured = runCli(['validate', 'legacy.yaml', '--config', 'settings.json'], dir);
    expect(configured.status).toBe(0);
    expect(configured.stdout).toMatch(/^legacy\.yaml:2:1 warning legacy-format /);
    const sarif = JSON.parse(runCli(['validate', 'legacy.yaml', '--format', 'sarif'], dir).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'legacy-format');
    expect(rule.shortDescription.text).toBe('A cluster spec is the v3 extended spec, not the 2021 rctl format (mks-gitops migrate converts it).');
  });

  it('refuses a file with nothing to migrate, a missing file and a missing operand (exit 2, nothing on stdout)', () => {
    writeFileSync(path.join(dir, 'v3.yaml'), expectedV3);
    const v3 = runCli(['migrate', 'v3.yaml'], dir);
    expect(v3).toEqual({
      status: 2,
      stdout: '',
      stderr: 'mks-gitops migrate: v3.yaml holds no cluster spec in the 2021 rctl format (kind: Cluster, spec.type: mks, no apiVersion): nothing to migrate\n',
    });
    const missing = runCli(['migrate', 'nope.yaml'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^mks-gitops migrate: cannot read nope\.yaml: /);
    const none = runCli(['migrate'], dir);
    expect(none.status).toBe(2);
    expect(none.stderr.startsWith('mks-gitops migrate: FILE is missing\n\nUsage: mks-gitops migrate FILE [options]')).toBe(true);
  });

  it('writes nothing when a document cannot be rewritten (an alias into a dropped key), and says why', () => {
    const aliased = legacyText
      .replace('    storageClasses:\n', '    storageClasses: &classes\n')
      .replace('        networkInterface: eth0\n', '        networkInterface: eth0\n        labels: {classes: *classes}\n');
    writeFileSync(path.join(dir, 'aliased.yaml'), aliased);
    const run = runCli(['migrate', 'aliased.yaml', '--write'], dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^mks-gitops migrate: aliased\.yaml: document 1 cannot be rewritten automatically: Unresolved alias .*; nothing was written\n$/);
    expect(readFileSync(path.join(dir, 'aliased.yaml'), 'utf8')).toBe(aliased);
  });

  it('names a broken document instead of saying there is nothing to migrate', () => {
    writeFileSync(path.join(dir, 'broken.yaml'), legacyText.replace('    autoApproveNodes: true\n', '    autoApproveNodes: [true\n'));
    const run = runCli(['migrate', 'broken.yaml'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('mks-gitops migrate: broken.yaml: document 1 has YAML syntax errors; fix them first (mks-gitops validate broken.yaml shows them)\n');
  });
});
