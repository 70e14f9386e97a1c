// Exit status of `mks-gitops validate`: 0 clean (warnings allowed), 1 errors, 2 usage or input problems.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli, runJson } from './runCli';

describe('exit 0', () => {
  it('for the bundled examples, which have no finding at all when checked together (examples/ci/ workflows are not MKS specs: left alone)', () => {
    const run = runCli(['validate', 'examples'], repoRoot);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('0 errors, 0 warnings in 6 files\n');
    expect(run.status).toBe(0);
  });

  it('when there are warnings but no errors', () => {
    const { status, output } = runJson(['validate', 'old-version.yaml']);
    expect(output.summary.error).toBe(0);
    expect(output.summary.warning).toBeGreaterThan(0);
    expect(status).toBe(0);
  });

  it('for --help and --version, printed on stdout', () => {
    for (const args of [['validate', '--help'], ['help', 'validate']]) {
      const help = runCli(args);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^Usage: mks-gitops validate/);
      expect(help.stdout).toContain('--format text|json|sarif');
    }
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('exit 1', () => {
  it('for findings at error level', () => {
    const run = runCli(['validate', 'rule-errors.yaml']);
    expect(run.stdout).toMatch(/ error /);
    expect(run.status).toBe(1);
  });

  it('also when the reader of the output stops early (a closed pipe is no crash)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mks-cli-pipe-'));
    try {
      // Far more output than a pipe buffers, so the CLI is still writing when `head` has gone.
      for (let i = 0; i < 400; i++) writeFileSync(path.join(dir, `f${i}.yaml`), 'a: [1\nb: [2\nc: [3\n');
      // --norc: a bash whose stdin is a socket (Node's pipes are) takes itself for one started by sshd and reads
      // ~/.bashrc, whose output (seen: pyenv's rehash racing another one) is not the CLI's.
      const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `node "${cliPath}" validate . | head -n 1; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8' });
      expect(run.stdout).toMatch(/^f\d+\.yaml:\d+:\d+ error yaml-syntax /);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('for broken YAML, reported as a finding rather than a crash', () => {
    const run = runCli(['validate', 'broken.yaml']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^broken\.yaml:\d+:\d+ error yaml-syntax /m);
    expect(run.status).toBe(1);
  });
});

describe('exit 2 with a message on stderr and nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', ['validate', '--strict', 'broken.yaml'], /Unknown option '--strict'$/m],
    ['a misspelled flag, with a suggestion', ['validate', '--fromat=json', 'broken.yaml'], /Unknown option '--fromat'; did you mean --format\?/],
    ['a flag without its value', ['validate', 'broken.yaml', '--format'], /--format/],
    ['an unknown format', ['validate', '--format', 'xml', 'broken.yaml'], /--format must be one of text, json, sarif, codequality \(got 'xml'\)$/m],
    ['a misspelled format, with a suggestion', ['validate', '--format', 'jsn', 'broken.yaml'], /\(got 'jsn'\); did you mean json\?/],
    ['a flag given twice', ['validate', '--format', 'json', '--format', 'text', 'broken.yaml'], /--format was given more than once/],
    ['an unknown command', ['lint', 'broken.yaml'], /unknown command 'lint'$/m],
    ['a misspelled command, with a suggestion', ['validte', 'broken.yaml'], /unknown command 'validte'; did you mean validate\?/],
    ['no command at all', [], /Usage: mks-gitops <command>/],
    ['a missing file', ['validate', 'no-such-file.yaml'], /no such file or directory: no-such-file\.yaml/],
    ['a glob that matches nothing', ['validate', 'nowhere/**/*.yaml'], /no files match nowhere\/\*\*\/\*\.yaml/],
    ['a config that is not JSON', ['validate', '--config', 'config/not-json.json', 'broken.yaml'], /config\/not-json\.json is not valid JSON/],
    ['a missing config', ['validate', '--config', 'config/none.json', 'broken.yaml'], /cannot read config config\/none\.json/],
    ['an unknown setting', ['validate', '--config', 'config/unknown-setting.json', 'broken.yaml'], /unknown setting 'kubernetesVersion'; did you mean kubernetesVersions\?/],
    ['a severity for a misspelled rule id', ['validate', '--config', 'config/unknown-rule.json', 'broken.yaml'], /unknown rule 'duplicate-privateip'; did you mean duplicate-private-ip\?/],
    ['a severity that is no level', ['validate', '--config', 'config/bad-level.json', 'broken.yaml'], /severity of 'subnets' must be off, hint, info, warning or error/],
  ];
  for (const [what, args, message] of cases) {
    it(`for ${what}`, () => {
      const run = runCli(args);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      expect(run.status).toBe(2);
    });
  }
});
