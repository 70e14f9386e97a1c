// Packs the CLI package (`npm pack` of the repository, from the built dist/; scripts skipped, so dist/ is never
// rebuilt under other running tests) and gives npm an environment of its own: an empty cache and offline, so
// anything that would need the registry fails instead of being fetched.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { builtCli, repoRoot } from '../cli/runCli';

export function npmEnv(work: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

export interface Packed {
  tarball: string;
  /** Paths inside the package, sorted. */
  files: string[];
}

export function packCli(destination: string): Packed {
  builtCli();
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: npmEnv(destination),
  });
  if (pack.error) throw pack.error;
  if (pack.status !== 0) throw new Error(`npm pack failed (${pack.status}): ${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(destination, info.filename), files: info.files.map((f) => f.path).sort() };
}
