// The extension loads in a real extension host, activates in a YAML workspace, and registers what its manifest promises.
import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
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
});
