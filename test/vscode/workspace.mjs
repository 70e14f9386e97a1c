// What both the integration runner and the UI screenshot script need before VS Code starts: the VS Code server
// installed (scripts/setup-vscode.sh, a no-op when cached), a writable Git copy of examples/ to open, and a
// throwaway HOME for VS Code (so tests trust their own sshd in ~/.ssh/known_hosts, never the real user's).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Installs code-server if needed and returns the path of its server-main.js. */
export function setUpVsCode() {
  const out = execFileSync('bash', [path.join(root, 'scripts/setup-vscode.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}

/** A writable copy of examples/ under `parent` as a Git repository with one commit, so tests may edit files and see Git state. */
export function makeWorkspace(parent) {
  const ws = path.join(parent, 'workspace');
  fs.cpSync(path.join(root, 'examples'), ws, { recursive: true });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=MKS Test', '-c', 'user.email=mks-test@example.invalid', ...args], { cwd: ws, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'examples');
  return ws;
}

/** An empty home directory with ~/.ssh under `parent`. */
export function makeHome(parent) {
  const home = path.join(parent, 'home');
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  return home;
}
