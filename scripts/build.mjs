// Bundles the extension (and its SSH agent code, loaded on demand), the language server and the CLI with esbuild
// (TypeScript is only type-checked by `tsc`).
import { build } from 'esbuild';
import { ruleHeaders } from './rule-headers.mjs';

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

const agentBesideExtension = {
  name: 'agent-beside-extension',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/agent$/, namespace: 'file' }, (args) =>
      args.importer.endsWith('agentModule.ts') ? { path: './agent', external: true } : undefined,
    );
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    // The SSH agent code is its own bundle, loaded on demand (client/src/sshActions/agentModule.ts:
    // `import('../agent')`), so activation does not load ssh2. Lowering import() makes it a plain require of
    // dist/agent.js, which sits next to dist/extension.js.
    plugins: [agentBesideExtension],
    supported: { 'dynamic-import': false },
  }),
  build({ ...common, entryPoints: ['client/src/agent/index.ts'], outfile: 'dist/agent.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    // ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url), which a CJS bundle lacks.
    // Each rule's header comment, as its help in SARIF output (server/src/cli/ruleHelp.ts).
    define: { 'import.meta.url': 'importMetaUrl', RULE_HEADERS: JSON.stringify(ruleHeaders()) },
    inject: ['scripts/import-meta-url.js'],
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
