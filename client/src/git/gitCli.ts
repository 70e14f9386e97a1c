// Git through the `git` command line, for when VS Code's Git extension is off (and for the tests).
// No vscode import: plain child processes with a timeout; every failure becomes a GitSnapshot, never a throw.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { GitSnapshot } from '../sync/gitSnapshot';

const TIMEOUT_MS = 10_000;

export async function gitSnapshotFromCli(filePath: string, fileText: string): Promise<GitSnapshot> {
  const dir = path.dirname(filePath);
  const root = await git(dir, ['rev-parse', '--show-toplevel']);
  if (!root.ok) return root.missingGit ? { kind: 'error', reason: 'the git command is not installed' } : { kind: 'no-repository' };
  const commit = await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  const branchName = await git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const branch = branchName.ok ? { branch: branchName.out } : {};
  if (!commit.ok) return { kind: 'untracked', ...branch };
  // `HEAD:./name` is resolved against the working directory, so no path arithmetic against the root.
  const head = await git(dir, ['show', `HEAD:./${path.basename(filePath)}`]);
  if (!head.ok) return { kind: 'untracked', ...branch, commit: commit.out };
  const upstream = await git(dir, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  let remote = {};
  if (upstream.ok) {
    const counts = await git(dir, ['rev-list', '--left-right', '--count', 'HEAD...@{upstream}']);
    const [ahead, behind] = counts.ok ? counts.out.split(/\s+/).map(Number) : [];
    remote = { upstream: upstream.out, ...(Number.isFinite(ahead) ? { ahead, behind } : {}) };
  }
  return { kind: 'tracked', ...branch, commit: commit.out, headText: head.raw, dirty: head.raw !== fileText, ...remote };
}

type GitResult = { ok: true; out: string; raw: string } | { ok: false; missingGit: boolean };

function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      if (error) resolve({ ok: false, missingGit: (error as NodeJS.ErrnoException).code === 'ENOENT' });
      else resolve({ ok: true, out: stdout.trim(), raw: stdout });
    });
  });
}
