// Entry of `npm run bench`: bundles the TypeScript benchmark scripts with esbuild (already a dependency;
// node 20 cannot run TypeScript) into bench/results/.build, then runs main with the given arguments.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const bench = dirname(fileURLToPath(import.meta.url));
const out = join(bench, 'results', '.build');
await build({
  entryPoints: { main: join(bench, 'main.ts'), peerValidate: join(bench, 'peerValidate.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies load from node_modules as they are (yaml-language-server is ESM only).
  packages: 'external',
  logLevel: 'warning',
});
const root = dirname(bench);
const result = spawnSync(process.execPath, [join(out, 'main.mjs'), '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
