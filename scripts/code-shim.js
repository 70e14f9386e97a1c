#!/usr/bin/env node
// Stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }). No desktop VS Code can be
// downloaded here, so this starts the VS Code *server* shipped in the npm package code-server (real VS Code, real Node
// extension host) with --enable-smoke-test-driver, opens its workbench in headless Debian Chromium through
// playwright-core, hands over --extensionDevelopmentPath/--extensionTestsPath in the workbench URL payload, and exits
// with the test run's exit code. Also a module: startServer/openWorkbench serve the Playwright UI script.
// MKS_VSCODE_UNTRUSTED=1 starts the server with workspace trust on and no startup prompt: the workspace opens restricted.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

// Workbench log lines that are noise on a machine without internet (marketplace, telemetry, chat, auth).
const NOISE =
  /AgentHost|open-vsx|ENOTFOUND|socket|connection token|Service Worker|ChatSession|AccountPolicy|builtin extensions|grace time|ChatModelSelection|authentication provider|Failed to load resource|Creation of workbench contribution/;

// Written under any settings the caller already put in <user-data-dir>/User/settings.json (the caller's win).
const DEFAULT_SETTINGS = {
  'chat.disableAIFeatures': true, // the chat UI otherwise steals focus and opens a sign-in dialog
  'workbench.startupEditor': 'none',
  // Desktop VS Code's default. The web workbench defaults to afterDelay (1 s): on a loaded machine it saved a test's
  // deliberate unsaved edit before the test reverted it, and the committed file stayed changed for every later test.
  'files.autoSave': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** Reads the VS Code command line that test-electron builds (`--key=value`, `--key value`, positional paths). */
function parseArgs(argv) {
  const out = { dev: [], positional: [] };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      out.positional.push(argv[i]);
      continue;
    }
    const key = m[1];
    let value = m[2];
    if (value === undefined && valued.has(key)) value = argv[++i];
    if (key === 'extensionDevelopmentPath') out.dev.push(value);
    else if (key === 'extensionTestsPath') out.tests = value;
    else if (key === 'user-data-dir') out.userDataDir = value;
    else if (key === 'extensions-dir') out.extensionsDir = value;
  }
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the VS Code server did not answer at ${url} within ${timeoutMs / 1000}s`);
}

function writeSettings(userDataDir, extra) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...extra, ...existing }, null, 2));
}

/**
 * Starts the VS Code server on a free loopback port. Resolves when it answers HTTP.
 * The server runs in its own process group: stop() ends it and its forked file watchers and extension hosts.
 * smokeTestDriver: needed for extensionDevelopmentPath/extensionTestsPath, but it also makes the workbench refuse
 * every modal dialog; UI checks of dialogs turn it off and install the extension into extensionsDir instead.
 * untrusted: workspace trust stays on and never prompts, so the opened folder is a restricted (untrusted) workspace.
 */
async function startServer({ userDataDir, extensionsDir, settings = {}, smokeTestDriver = true, untrusted = false }) {
  const serverMain = process.env.VSCODE_SERVER_MAIN;
  if (!serverMain || !fs.existsSync(serverMain)) {
    throw new Error('VSCODE_SERVER_MAIN must name code-server/lib/vscode/out/server-main.js (scripts/setup-vscode.sh prints it)');
  }
  const ud = path.resolve(userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'vsc-ud-')));
  const ext = path.resolve(extensionsDir || path.join(ud, 'extensions'));
  fs.mkdirSync(ext, { recursive: true });
  const trust = untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeSettings(ud, { ...settings, ...trust });
  const port = await freePort();
  const logFile = path.join(ud, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child = cp.spawn(
    process.env.VSCODE_SERVER_NODE || process.execPath,
    [
      serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      // Without it the workbench silently ignores extensionDevelopmentPath/extensionTestsPath in the payload.
      ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
      '--disable-telemetry',
      ...(untrusted ? [] : ['--disable-workspace-trust']),
      '--user-data-dir', ud,
      '--server-data-dir', path.join(ud, 'server'),
      '--extensions-dir', ext,
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/version`, 60_000);
  } catch (e) {
    stop();
    throw new Error(`${e.message} (server log: ${logFile})`);
  }
  return { base, userDataDir: ud, logFile, stop };
}

/**
 * Opens the workbench in headless Chromium. `folder` opens a workspace folder; `dev`/`tests` go into the payload as
 * vscode-remote URIs (code-server's remote authority is "remote"). onLog/onExit receive the smoke-test driver's calls.
 */
async function openWorkbench({ base, folder, dev = [], tests, onLog, onExit, viewport }) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage(viewport ? { viewport } : undefined);
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog && onLog(type, util.format(...(args || []))));
  await page.exposeFunction('codeAutomationExit', (code) => onExit && onExit(code));
  const remote = (p) => `vscode-remote://remote${path.resolve(p)}`;
  const payload = [...dev.map((d) => ['extensionDevelopmentPath', remote(d)]), ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (tests) payload.push(['extensionTestsPath', remote(tests)]);
  const where = folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true';
  await page.goto(`${base}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return { browser, page };
}

async function main() {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  if (!args.tests) throw new Error('--extensionTestsPath is required (this shim only runs extension tests)');
  if (args.dev.length === 0) throw new Error('--extensionDevelopmentPath is required: without it the tests never start');
  const server = await startServer({
    userDataDir: args.userDataDir,
    extensionsDir: args.extensionsDir,
    untrusted: process.env.MKS_VSCODE_UNTRUSTED === '1',
  });
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const folder = args.positional.find((p) => fs.existsSync(p) && fs.statSync(p).isDirectory());
  const { browser } = await openWorkbench({
    base: server.base,
    folder,
    dev: args.dev,
    tests: args.tests,
    onLog: (type, msg) => {
      if (process.env.VERBOSE || !NOISE.test(msg)) (type === 'error' ? process.stderr : process.stdout).write(msg + '\n');
    },
    onExit: finish,
  });
  const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 600_000);
  const timer = setTimeout(() => finish(`timeout after ${timeoutMs / 1000}s`), timeoutMs);
  const code = await finished;
  clearTimeout(timer);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[code-shim] tests finished with ${code} in ${seconds}s (server log: ${server.logFile})\n`);
  await browser.close().catch(() => {});
  server.stop();
  process.exit(code === 0 ? 0 : 1);
}

module.exports = { startServer, openWorkbench, NOISE };

if (require.main === module) {
  main().catch((e) => {
    console.error('[code-shim]', e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
