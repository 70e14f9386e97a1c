// The extension loads in a real extension host, activates in a YAML workspace, and registers what its manifest promises.
// Its start-up is measured here too (activate() and activate() → language client started), reported in the test
// output and in bench/results/vscode-activation.json for the bench's table; no assertion on the times.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { MksGitopsApi } from '../../../client/src/extension';
import { activeExtension, EXTENSION_ID, workspaceRoot } from './helpers';

suite('activation', () => {
  test('the extension activates in the examples workspace', async () => {
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
    assert.equal(ext.id, EXTENSION_ID);
  });

  test('runs in a Node extension host on the runner copy of the examples', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+$/);
    assert.equal(typeof process.versions.node, 'string');
    assert.equal(workspaceRoot(), process.env.MKS_VSCODE_WORKSPACE);
  });

  test('start-up is measured: activate(), then the language client started, with no SSH code loaded', async () => {
    const ext = await activeExtension();
    const { startup } = ext.exports as MksGitopsApi;
    const started = await startup.languageClientStarted;
    assert.equal(typeof started, 'number', 'the language client did not start (see the MKS GitOps output)');
    // Bundles this extension host has loaded from dist/: the SSH code (dist/agent.js, ssh2) is loaded on the first
    // SSH action only, and no test before this one took one.
    const bundles = Object.keys(require.cache)
      .filter((file) => file.startsWith(path.join(ext.extensionPath, 'dist') + path.sep))
      .map((file) => path.basename(file));
    assert.deepEqual(bundles, ['extension.js']);
    const report = {
      date: new Date().toISOString(),
      vscode: vscode.version,
      node: process.versions.node,
      activateMs: Math.round(startup.activateMs * 10) / 10,
      languageClientStartedMs: Math.round(started! * 10) / 10,
      bundlesLoaded: bundles,
    };
    console.log(`    start-up: ${JSON.stringify(report)}`);
    const out = path.join(ext.extensionPath, 'bench', 'results', 'vscode-activation.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(report, null, 2));
  });
});
