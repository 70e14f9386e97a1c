// Reads files of a kubernetes/website copy as data: a work tree (a plain checkout) or a bare git directory
// (as the fetch tool leaves it). Used by the generators next to this file; nothing of the website is copied here.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `location`: a checkout (has `content/`) or a git directory (bare, or a checkout's `.git`).
 * Returns { commit, commitDate, list(dir) → file names, read(path) → text }.
 */
export function openWebsite(location) {
  if (!location) throw new Error('give the path of a kubernetes/website checkout or git directory');
  const bare = !existsSync(join(location, 'content')) && existsSync(join(location, 'HEAD'));
  const git = (...args) =>
    execFileSync('git', bare ? ['--git-dir', location, ...args] : ['-C', location, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  const commit = git('rev-parse', 'HEAD').trim();
  const commitDate = git('log', '-1', '--format=%cI', 'HEAD').trim();
  if (!bare) {
    return {
      commit,
      commitDate,
      list: (dir) => readdirSync(join(location, dir)).sort(),
      read: (path) => readFileSync(join(location, path), 'utf8'),
    };
  }
  return {
    commit,
    commitDate,
    list: (dir) =>
      git('ls-tree', '--name-only', `HEAD:${dir}`)
        .split('\n')
        .filter(Boolean)
        .sort(),
    read: (path) => git('show', `HEAD:${path}`),
  };
}

/** `--repo owner/name` and the first positional argument (the website location). */
export function parseArgs(argv) {
  const args = { repo: 'kubernetes/website', location: undefined, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repo') args.repo = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else args.location = argv[i];
  }
  return args;
}
