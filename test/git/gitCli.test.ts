// The git CLI fallback against real repositories in a temp dir.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitSnapshotFromCli } from '../../client/src/git/gitCli';

let dir: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mks-git-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  mkdirSync(path.join(dir, 'clusters'));
  writeFileSync(path.join(dir, 'clusters', 'a.yaml'), 'kind: A\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('git snapshot from the CLI', () => {
  it('says untracked before the first commit, then tracked and clean, then modified', async () => {
    const file = path.join(dir, 'clusters', 'a.yaml');
    expect(await gitSnapshotFromCli(file, 'kind: A\n')).toEqual({ kind: 'untracked', branch: 'main' });
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    const commit = git('rev-parse', 'HEAD');
    expect(await gitSnapshotFromCli(file, 'kind: A\n')).toEqual({ kind: 'tracked', branch: 'main', commit, headText: 'kind: A\n', dirty: false });
    expect(await gitSnapshotFromCli(file, 'kind: B\n')).toMatchObject({ kind: 'tracked', dirty: true, headText: 'kind: A\n' });
  });

  it('says untracked for a new file in a repository with commits', async () => {
    const file = path.join(dir, 'clusters', 'new.yaml');
    writeFileSync(file, 'x: 1\n');
    expect(await gitSnapshotFromCli(file, 'x: 1\n')).toMatchObject({ kind: 'untracked', branch: 'main', commit: git('rev-parse', 'HEAD') });
  });

  it('counts commits ahead of the upstream', async () => {
    const remote = mkdtempSync(path.join(tmpdir(), 'mks-remote-'));
    try {
      execFileSync('git', ['init', '-q', '--bare', remote]);
      git('remote', 'add', 'origin', remote);
      git('push', '-q', '-u', 'origin', 'main');
      git('commit', '-q', '--allow-empty', '-m', 'second');
      const file = path.join(dir, 'clusters', 'a.yaml');
      expect(await gitSnapshotFromCli(file, 'kind: A\n')).toMatchObject({ upstream: 'origin/main', ahead: 1, behind: 0 });
    } finally {
      rmSync(remote, { recursive: true, force: true });
    }
  });

  it('says no repository outside one', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'mks-nogit-'));
    try {
      expect(await gitSnapshotFromCli(path.join(outside, 'c.yaml'), '')).toEqual({ kind: 'no-repository' });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
