// The three output formats of `validate`, on the same findings: text, JSON and SARIF 2.1.0.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, runJson } from './runCli';

// The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's SARIF SDK package.
// One of its patterns is not valid with the u flag, hence unicodeRegExp: false below.
const sarifSchema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

// broken.yaml's syntax error; rule-errors.yaml's missing control plane (error, on the `nodes` key at 20:5) and
// duplicate private IP (warning, on both nodes; the second at line 27, `privateIP: 10.0.0.21`, value at column 20).
const operands = ['broken.yaml', 'rule-errors.yaml', 'deployment.yaml'];

describe('text', () => {
  const run = runCli(['validate', ...operands]);
  const lines = run.stdout.trimEnd().split('\n');

  it('one compiler-style line per finding: file:line:col severity code message (1-based)', () => {
    const findingLines = lines.slice(0, -1);
    expect(findingLines.length).toBeGreaterThan(0);
    for (const line of findingLines) expect(line).toMatch(/^[\w./-]+\.yaml:\d+:\d+ (error|warning|info|hint) [\w/-]+ \S.*$/);
    expect(lines).toContainEqual(expect.stringMatching(/^rule-errors\.yaml:20:5 error control-plane-required \S/));
    expect(lines).toContainEqual(expect.stringMatching(/^rule-errors\.yaml:27:20 error duplicate-private-ip .*10\.0\.0\.21/));
  });

  it('ends with the summary line', () => {
    const { output } = runJson(['validate', ...operands]);
    const { error, warning } = output.summary;
    expect(lines.at(-1)).toMatch(new RegExp(`^${error} errors?, ${warning} warnings?(, \\d+ notes?)? in 3 files$`));
  });
});

describe('json', () => {
  const { output } = runJson(['validate', ...operands]);

  it('lists every checked file, in order, with its findings', () => {
    expect(output.version).toBe(1);
    expect(output.files.map((f) => f.path)).toEqual(['broken.yaml', 'deployment.yaml', 'rule-errors.yaml']);
    expect(output.files[1].findings).toEqual([]);
  });

  it('gives each finding an LSP range (0-based) and a 1-based line and column', () => {
    const duplicate = output.files[2].findings.find((f) => f.code === 'duplicate-private-ip' && f.line === 27);
    expect(duplicate).toMatchObject({
      severity: 'error',
      line: 27,
      column: 20,
      range: { start: { line: 26, character: 19 }, end: { line: 26, character: 28 } },
    });
    expect(duplicate?.message).toMatch(/10\.0\.0\.21/);
  });

  it('counts findings by severity in the summary', () => {
    const all = output.files.flatMap((f) => f.findings);
    expect(output.summary).toEqual({
      files: 3,
      error: all.filter((f) => f.severity === 'error').length,
      warning: all.filter((f) => f.severity === 'warning').length,
      info: all.filter((f) => f.severity === 'info').length,
      hint: all.filter((f) => f.severity === 'hint').length,
    });
  });
});

describe('sarif', () => {
  const run = runCli(['validate', '--format', 'sarif', ...operands]);
  const sarif = JSON.parse(run.stdout);
  const [result] = sarif.runs;

  it('is valid against the official SARIF 2.1.0 JSON Schema, with findings and without', () => {
    const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);
    const clean = JSON.parse(runCli(['validate', '--format', 'sarif', 'examples'], repoRoot).stdout);
    for (const log of [sarif, clean]) {
      validateSarif(log);
      expect(validateSarif.errors ?? []).toEqual([]);
    }
    expect(clean.runs[0].results).toEqual([]);
  });

  it('is a SARIF 2.1.0 log with one run of the mks-gitops driver', () => {
    expect(run.status).toBe(1);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    expect(result.tool.driver).toMatchObject({ name: 'mks-gitops', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(result.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/test\/cli\/fixtures\/$/);
  });

  it('describes every rule a result points at', () => {
    const ids = result.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const rule of result.tool.driver.rules) expect(rule.shortDescription.text).toMatch(/\S/);
    expect(ids).toContain('duplicate-private-ip');
    expect(ids).toContain('yaml-syntax');
    for (const r of result.results) expect(result.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('locates a result by relative URI and a 1-based region (end column exclusive)', () => {
    type Result = { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] };
    const duplicate = result.results.find(
      (r: Result) => r.ruleId === 'duplicate-private-ip' && r.locations[0].physicalLocation.region.startLine === 27,
    );
    expect(duplicate.level).toBe('error');
    expect(duplicate.message.text).toMatch(/10\.0\.0\.21/);
    expect(duplicate.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'rule-errors.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 27, startColumn: 20, endLine: 27, endColumn: 29 },
        },
      },
    ]);
  });

  it('maps severities to SARIF levels', () => {
    for (const r of result.results) expect(['error', 'warning', 'note']).toContain(r.level);
    expect(result.results.some((r: { ruleId: string; level: string }) => r.ruleId === 'yaml-syntax' && r.level === 'error')).toBe(true);
  });
});
