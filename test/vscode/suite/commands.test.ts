// The command surface the manifest promises, driven the way menus and CodeLens drive it (commands with arguments).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { MksGitopsApi } from '../../../client/src/extension';
import type { NewClusterAnswers } from '../../../client/src/wizard/newClusterSpec';
import { activeExtension, resetEditors, waitFor, workspaceUri } from './helpers';

suite('commands', () => {
  let api: MksGitopsApi;
  let manifest: { contributes: { commands: { command: string }[] } };

  suiteSetup(async () => {
    const extension = await activeExtension();
    api = extension.exports as MksGitopsApi;
    manifest = extension.packageJSON;
  });

  setup(() => resetEditors());

  test('every command in the manifest is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of ['mksGitops.refresh', 'mksGitops.apply', 'mksGitops.preflight', 'mksGitops.showDiff', 'mksGitops.pullFromSystem', 'mksGitops.newClusterSpec']) {
      assert.ok(contributed.includes(id), `${id} is not contributed`);
    }
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  test('New Cluster Spec with answers writes a valid spec that the view lists', async () => {
    const answers: NewClusterAnswers = {
      name: 'wizard-made',
      project: 'defaultproject',
      kubernetesVersion: 'v1.34.2',
      cni: { name: 'Calico', version: '3.26.1' },
      arch: 'amd64',
      operatingSystem: 'Ubuntu22.04',
      nodes: [
        { hostname: 'wm-cp-1', privateIP: '10.1.0.11', roles: ['ControlPlane'] },
        { hostname: 'wm-wk-1', privateIP: '10.1.0.21', roles: ['Worker'] },
      ],
      cloudCredentials: 'mks-ssh-creds',
    };
    const target = workspaceUri('it/wizard-made.yaml');
    const written = await vscode.commands.executeCommand<vscode.Uri>('mksGitops.newClusterSpec', answers, target);
    assert.equal(written?.toString(), target.toString());
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(text, /name: wizard-made/);
    assert.match(text, /hostname: wm-wk-1/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the new spec is opened');
    const listed = await waitFor('the view to list wizard-made', async () => {
      await api.refresh();
      return api.clusters().find((c) => c.cluster.name === 'wizard-made');
    });
    assert.equal(listed.validation.errors, 0, listed.validation.firstError);
    assert.equal(listed.validation.warnings, 0);
  });

  test('CodeLens above a cluster offers Apply, Preflight, Diff and its state', async () => {
    const uri = workspaceUri('cluster-seed.yaml');
    await vscode.workspace.openTextDocument(uri);
    const titles = await waitFor('CodeLenses on cluster-seed.yaml', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const mine = lenses.filter((l) => l.command?.command.startsWith('mksGitops.'));
      return mine.length > 0 ? mine.map((l) => l.command!.title) : undefined;
    });
    assert.equal(titles.length, 4, titles.join(' | '));
    assert.match(titles[0], /Apply/);
    assert.equal(titles[1], 'Preflight');
    assert.equal(titles[2], 'Diff');
    assert.match(titles[3], /^\$\([\w-]+\) \w+$/, 'the last lens is the state word with its icon');
  });

  test('Open Spec opens the cluster document at its line', async () => {
    const seed = api.clusters().find((c) => c.cluster.name === 'demo-seed');
    assert.ok(seed);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mksGitops.openSpec', { file: seed.file, name: seed.cluster.name });
    assert.equal(editor?.document.uri.toString(), seed.file);
    assert.equal(editor?.selection.active.line, seed.cluster.line);
  });
});
