// The CI examples of docs/ci.md (examples/ci/): each parses, wires its report to the upload the platform reads,
// and its command lines run here as written — in a temporary repository holding the packed CLI under tools/
// (npm offline with an empty cache, global installs into a temporary prefix) — on clean specs and on broken ones.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../cli/runCli';
import { npmEnv, packCli } from '../package/packCli';

const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

const github = parse(readFileSync(path.join(repoRoot, 'examples', 'ci', 'github-workflow.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[] }>;
};
const gitlab = parse(readFileSync(path.join(repoRoot, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<
  string,
  { script: string[]; artifacts: { when: string; reports: { codequality: string } } }
>;
const githubSteps = Object.values(github.jobs).flatMap((job) => job.steps);
const githubRuns = githubSteps.flatMap((s) => (s.run ? [s.run] : []));
const gitlabJob = gitlab['mks-gitops'];

let work: string;
let tarball: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'mks-ci-'));
  tarball = packCli(work).tarball;
}, 60_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A repository of specs with the packed CLI under tools/, and a global npm prefix of its own on PATH. */
function specRepository(name: string, specs: string[]): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'tools'), { recursive: true });
  mkdirSync(path.join(dir, 'clusters'));
  copyFileSync(tarball, path.join(dir, 'tools', path.basename(tarball)));
  for (const spec of specs) copyFileSync(spec, path.join(dir, 'clusters', path.basename(spec)));
  const prefix = path.join(dir, '.npm-global');
  return { dir, env: npmEnv(work, { npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` }) };
}

/** Each command line in order, as the runner would (GitHub: `bash -e`; GitLab: one shell line at a time). */
function runLines(lines: string[], shell: string[], repo: { dir: string; env: NodeJS.ProcessEnv }): { status: number | null; stderr: string }[] {
  const results = [];
  for (const line of lines) {
    const run = spawnSync(shell[0], [...shell.slice(1), line], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    if (run.error) throw run.error;
    results.push({ status: run.status, stderr: run.stderr });
    if (run.status !== 0) break;
  }
  return results;
}

const goodSpecs = ['cluster-ha.yaml', 'credentials.yaml'].map((f) => path.join(repoRoot, 'examples', f));
const brokenSpec = path.join(repoRoot, 'test', 'cli', 'fixtures', 'rule-errors.yaml');

describe('GitHub Actions workflow (examples/ci/github-workflow.yml)', () => {
  const upload = githubSteps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));

  it('runs validate with --format sarif into the file upload-sarif uploads, even when validation fails', () => {
    expect(github.permissions['security-events']).toBe('write');
    expect(Object.keys(github.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(upload?.with?.sarif_file).toBe('mks-gitops.sarif');
    expect(upload?.if).toContain('failure()');
    expect(githubRuns).toContain('mks-gitops validate --format sarif . > mks-gitops.sarif');
  });

  it('its command lines install the packed CLI and write valid SARIF: empty for clean specs (exit 0)', () => {
    const repo = specRepository('github-clean', goodSpecs);
    const results = runLines(githubRuns, ['bash', '-e', '-c'], repo);
    expect(results.map((r) => r.status), results.map((r) => r.stderr).join('\n')).toEqual(githubRuns.map(() => 0));
    const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'mks-gitops.sarif'), 'utf8'));
    validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(sarif.runs[0].results).toEqual([]);
  }, 120_000);

  it('…and with a broken spec, exit 1 on the validate line and the error in the SARIF at its path', () => {
    const repo = specRepository('github-broken', [...goodSpecs, brokenSpec]);
    const results = runLines(githubRuns, ['bash', '-e', '-c'], repo);
    expect(results.map((r) => r.status)).toEqual([0, 1]);
    const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'mks-gitops.sarif'), 'utf8'));
    validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    const error = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'control-plane-required');
    expect(error.level).toBe('error');
    expect(error.locations[0].physicalLocation.artifactLocation.uri).toBe('clusters/rule-errors.yaml');
  }, 120_000);
});

describe('GitLab CI job (examples/ci/gitlab-ci.yml)', () => {
  it('runs validate with --format codequality into the code quality report, kept when the job fails', () => {
    expect(gitlabJob.artifacts.when).toBe('always');
    expect(gitlabJob.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
    expect(gitlabJob.script).toContain('mks-gitops validate --format codequality . > gl-code-quality-report.json');
  });

  it('its script installs the packed CLI and writes an empty report for clean specs (exit 0)', () => {
    const repo = specRepository('gitlab-clean', goodSpecs);
    const results = runLines(gitlabJob.script, ['sh', '-c'], repo);
    expect(results.map((r) => r.status), results.map((r) => r.stderr).join('\n')).toEqual(gitlabJob.script.map(() => 0));
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'gl-code-quality-report.json'), 'utf8'))).toEqual([]);
  }, 120_000);

  it('…and with a broken spec, exit 1 and the error in the report at its path', () => {
    const repo = specRepository('gitlab-broken', [...goodSpecs, brokenSpec]);
    const results = runLines(gitlabJob.script, ['sh', '-c'], repo);
    expect(results.map((r) => r.status)).toEqual([0, 1]);
    const issues = JSON.parse(readFileSync(path.join(repo.dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; severity: string; location: { path: string } }[];
    expect(issues.find((i) => i.check_name === 'control-plane-required')).toMatchObject({ severity: 'major', location: { path: 'clusters/rule-errors.yaml' } });
  }, 120_000);
});

describe('docs/ci.md', () => {
  it('shows each example file as it is in examples/ci/', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'ci.md'), 'utf8');
    for (const file of ['github-workflow.yml', 'gitlab-ci.yml']) {
      expect(doc, file).toContain('```yaml\n' + readFileSync(path.join(repoRoot, 'examples', 'ci', file), 'utf8') + '```');
      expect(doc, file).toContain(`(../examples/ci/${file})`);
    }
  });
});
