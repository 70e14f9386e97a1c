// Runs the integration suites inside a real VS Code extension host with @vscode/test-electron, in two passes:
// test/vscode/suite with workspace trust off (trusted), then test/vscode/suite-untrusted with it on (restricted mode).
// The "VS Code executable" is scripts/code-shim.js: the VS Code server from code-server, driven in headless Chromium.
// Steps: install code-server if the cache lacks it, transpile the suites (no bundling: mocha must stay a plain require),
// per pass copy examples/ into a throwaway Git workspace and run, then print one closing line "N passed, N failed".
// Expects `npm run build` to have produced dist/ (the test:vscode script does it first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { makeHome, makeWorkspace, root, setUpVsCode } from './workspace.mjs';

const suites = ['suite', 'suite-untrusted'];
// Modules outside the suite that suite files import (relative paths are kept, so they mirror test/).
const supportModules = ['test/support/sshd.ts', 'test/support/specs.ts'];

/**
 * Transpiles the suite into a fresh folder under out/ (inside the repo, so `require('mocha')` resolves from
 * node_modules; one folder per run, so concurrent runs do not clobber each other). Returns that folder.
 */
async function transpileSuite() {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(root, 'out', 'vscode-suite-'));
  const suite = suites.flatMap((name) => {
    const src = path.join(root, 'test/vscode', name);
    return fs.readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => path.join(src, f));
  });
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
process.env.VSCODE_SERVER_MAIN = serverMain; // read by the shim

/** One VS Code run of test/vscode/<name>, in its own workspace and user data. Returns its counts and where its logs are. */
async function runPass(name, untrusted) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `mks-vscode-${name}-`));
  const resultsFile = path.join(tmp, 'results.json');
  const workspace = makeWorkspace(tmp);
  let runError;
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts/code-shim.js'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outDir, 'vscode', name, 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: {
        MKS_VSCODE_RESULTS: resultsFile,
        MKS_VSCODE_WORKSPACE: workspace,
        MKS_VSCODE_UNTRUSTED: untrusted ? '1' : '', // read by the shim
        // A throwaway home: tests trust their sshd in ~/.ssh/known_hosts without touching the real user's files,
        // and the user's ssh-agent stays out of the run.
        HOME: makeHome(tmp),
        SSH_AUTH_SOCK: '',
      },
    });
  } catch (e) {
    runError = e;
  }
  const results = readResults(resultsFile);
  if (!results) {
    console.error(`The ${name} pass reported no results (${runError ? runError.message : 'no results file'}); logs under ${tmp}`);
    return { passed: 0, failed: 1, pending: 0, failures: [] };
  }
  // mocha's spec reporter printed full stacks above; the summary keeps each failure to its message and first frames.
  for (const f of results.failures) console.error(`FAILED (${name}): ${f.title}\n  ${f.error.split('\n').slice(0, 6).join('\n  ')}`);
  if (runError && results.failed === 0) {
    console.error(`VS Code did not end cleanly in the ${name} pass: ${runError.message}`);
    results.failed = 1;
  }
  if (results.failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
  else console.error(`Logs of the ${name} pass (server.log, workspace) are kept under ${tmp}`);
  return results;
}

const passes = [await runPass('suite', false), await runPass('suite-untrusted', true)];
fs.rmSync(outDir, { recursive: true, force: true });
const sum = (key) => passes.reduce((n, r) => n + r[key], 0);
const skipped = sum('pending') ? `, ${sum('pending')} skipped` : '';
console.log(`${sum('passed')} passed, ${sum('failed')} failed${skipped}`);
process.exit(sum('failed') === 0 ? 0 : 1);
