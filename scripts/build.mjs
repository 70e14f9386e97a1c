// Bundles the extension, the language server and the CLI with esbuild (TypeScript is only type-checked by `tsc`).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // yaml-language-server is ESM only; its dependency jsonc-parser breaks at run time through its UMD build.
  mainFields: ['module', 'main'],
  // ssh2's optional native binding: ssh2 falls back to pure JS when it is absent.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    // ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url), which a CJS bundle lacks.
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: ['scripts/import-meta-url.js'],
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
