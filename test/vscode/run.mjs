// Runs the integration suite (test/vscode/suite) inside a real VS Code extension host with @vscode/test-electron.
// The "VS Code executable" is scripts/code-shim.js: the VS Code server from code-server, driven in headless Chromium.
// Steps: install code-server if the cache lacks it, transpile the suite (no bundling: mocha must stay a plain require),
// copy examples/ into a throwaway Git workspace, run, print one closing line "N passed, N failed".
// Expects `npm run build` to have produced dist/ (the test:vscode script does it first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { makeHome, makeWorkspace, root, setUpVsCode } from './workspace.mjs';

const suiteSrc = path.join(root, 'test/vscode/suite');
// Modules outside the suite that suite files import (relative paths are kept, so they mirror test/).
const supportModules = ['test/support/sshd.ts'];

/**
 * Transpiles the suite into a fresh folder under out/ (inside the repo, so `require('mocha')` resolves from
 * node_modules; one folder per run, so concurrent runs do not clobber each other). Returns that folder.
 */
async function transpileSuite() {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(root, 'out', 'vscode-suite-'));
  const suite = fs.readdirSync(suiteSrc).filter((f) => f.endsWith('.ts')).map((f) => path.join(suiteSrc, f));
  const entryPoints = [...suite, ...supportModules.map((m) => path.join(root, m))];
  await build({
    entryPoints, outbase: path.join(root, 'test'), outdir: outDir,
    bundle: false, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
  });
  return outDir;
}

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Nothing ran: say why, and still end with the closing line CI reads. */
function cannotRun(why) {
  console.error(`The VS Code integration suite could not run: ${why}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let serverMain;
let outDir;
try {
  serverMain = setUpVsCode();
  outDir = await transpileSuite();
} catch (e) {
  cannotRun(e instanceof Error ? e.message : String(e));
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mks-vscode-'));
const resultsFile = path.join(tmp, 'results.json');
const workspace = makeWorkspace(tmp);
process.env.VSCODE_SERVER_MAIN = serverMain; // read by the shim

let runError;
try {
  await runTests({
    vscodeExecutablePath: path.join(root, 'scripts/code-shim.js'),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'vscode/suite/index.js'),
    launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
    extensionTestsEnv: {
      MKS_VSCODE_RESULTS: resultsFile,
      MKS_VSCODE_WORKSPACE: workspace,
      // A throwaway home: tests trust their sshd in ~/.ssh/known_hosts without touching the real user's files,
      // and the user's ssh-agent stays out of the run.
      HOME: makeHome(tmp),
      SSH_AUTH_SOCK: '',
    },
  });
} catch (e) {
  runError = e;
}

fs.rmSync(outDir, { recursive: true, force: true });
const results = readResults(resultsFile);
if (!results) cannotRun(`the suite reported no results (${runError ? runError.message : 'no results file'}); logs under ${tmp}`);
// mocha's spec reporter printed full stacks above; the summary keeps each failure to its message and first frames.
for (const f of results.failures) console.error(`FAILED: ${f.title}\n  ${f.error.split('\n').slice(0, 6).join('\n  ')}`);
const ok = results.failed === 0 && !runError;
if (runError && results.failed === 0) console.error(`VS Code did not end cleanly: ${runError.message}`);
if (ok) fs.rmSync(tmp, { recursive: true, force: true });
else console.error(`Logs (server.log, workspace) are kept under ${tmp}`);
const skipped = results.pending ? `, ${results.pending} skipped` : '';
console.log(`${results.passed} passed, ${results.failed} failed${skipped}`);
process.exit(ok ? 0 : 1);
