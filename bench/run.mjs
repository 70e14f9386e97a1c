// Entry of `npm run bench`: bundles the TypeScript benchmark scripts with esbuild (already a dependency;
// node 20 cannot run TypeScript) into bench/results/.build, then runs main with the given arguments.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const bench = dirname(fileURLToPath(import.meta.url));
const out = join(bench, 'results', '.build');
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', outExtension: { '.js': '.mjs' }, logLevel: 'warning' };
await Promise.all([
  // The benchmarks import CommonJS-only dependencies (ssh2) with named imports: bundle them, as the
  // extension build does, giving the CommonJS code the `require` and `__dirname` it expects.
  build({
    ...common,
    entryPoints: { main: join(bench, 'main.ts') },
    outdir: out,
    mainFields: ['module', 'main'],
    external: ['cpu-features', './crypto/build/Release/sshcrypto.node'],
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { dirname as __dirnameOf } from 'node:path';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        'const __dirname = __dirnameOf(__filename);',
      ].join(' '),
    },
  }),
  // The peer runs yaml-language-server as installed (ESM only), straight from node_modules.
  build({ ...common, entryPoints: { peerValidate: join(bench, 'peerValidate.ts') }, outdir: out, packages: 'external' }),
]);
const root = dirname(bench);
const result = spawnSync(process.execPath, [join(out, 'main.mjs'), '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
