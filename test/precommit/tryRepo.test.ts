// The pre-commit hook, run by the real pre-commit (Debian's package; .ci/run installs it) the way a user tries it:
// `pre-commit try-repo <this repository> mks-gitops-validate --files …` in a Git repository holding the specs.
// pre-commit clones this repository (uncommitted changes to tracked files included, as a shadow commit; untracked
// files are not), installs it with npm (`npm install`, then `npm pack` — which builds through prepack — and
// `npm install -g` of the tarball) on the system Node, and runs the hook on the files. Installing takes a while, so there are two runs: all files (fails,
// naming the broken spec's error) and the good spec alone (passes).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/runCli';

let work: string;

/** Runs pre-commit without blocking the test worker (an install takes minutes; a blocked worker times out). */
function preCommit(args: readonly string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn('pre-commit', [...args], {
    cwd: work,
    env: {
      ...process.env,
      PRE_COMMIT_HOME: path.join(work, '.pre-commit-home'),
      // try-repo commits uncommitted changes of this repository in its clone: it needs an identity.
      GIT_AUTHOR_NAME: 'pre-commit test',
      GIT_AUTHOR_EMAIL: 'pre-commit-test@localhost',
      GIT_COMMITTER_NAME: 'pre-commit test',
      GIT_COMMITTER_EMAIL: 'pre-commit-test@localhost',
      // The packages are in the npm cache after `npm ci`; ask the registry only for what is missing.
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      NO_COLOR: '1',
    },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`cannot run pre-commit (${error.code}): install Debian's pre-commit package (.ci/run does)`)),
    );
    child.once('close', (status) => resolve({ status, output }));
  });
}

function git(args: readonly string[]) {
  const run = spawnSync('git', [...args], { cwd: work, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'mks-pre-commit-'));
  git(['init', '-q', '.']);
  copyFileSync(path.join(repoRoot, 'examples', 'cluster-ha.yaml'), path.join(work, 'good.yaml'));
  copyFileSync(path.join(repoRoot, 'test', 'cli', 'fixtures', 'rule-errors.yaml'), path.join(work, 'broken.yaml'));
  git(['add', 'good.yaml', 'broken.yaml']);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const tryRepo = (files: string[]) => preCommit(['try-repo', repoRoot, 'mks-gitops-validate', '--files', ...files]);

describe('pre-commit try-repo . mks-gitops-validate', () => {
  it('fails on a broken spec and names its error', async () => {
    const run = await tryRepo(['good.yaml', 'broken.yaml']);
    expect(run.output).toMatch(/MKS GitOps validate\.+Failed/);
    expect(run.output).toContain('- exit code: 1');
    expect(run.output).toMatch(/^broken\.yaml:\d+:\d+ error control-plane-required /m);
    expect(run.output).not.toMatch(/^good\.yaml:\d+:\d+ error /m);
    expect(run.status).toBe(1);
  }, 600_000);

  it('passes on a good spec', async () => {
    const run = await tryRepo(['good.yaml']);
    expect(run.output).toMatch(/MKS GitOps validate\.+Passed/);
    expect(run.status).toBe(0);
  }, 600_000);
});
