// The language server (dist/server.js) behind the extension, seen through VS Code's own APIs: diagnostics in the
// Problems data, completion, hover, quick fixes and symbols, exactly as a user's editor receives them.
import assert from 'node:assert/strict';
import { setup, suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activeExtension, codeOf, diagnosticsWhere, openInEditor, positionAfter, resetEditors, waitFor, writeWorkspaceFile } from './helpers';
import { clusterWith, deployment as DEPLOYMENT, twoNodeCluster } from '../../support/specs';

const fromMks = (d: vscode.Diagnostic) => d.source === 'mks';

suite('language server', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  setup(() => resetEditors());

  test('a duplicated hostname is reported on both nodes, and the reports go once the name is fixed', async () => {
    const uri = writeWorkspaceFile('it/duplicate-hostname.yaml', clusterWith('hostname: wk-1', 'hostname: cp-1'));
    const editor = await openInEditor(uri);
    const isDup = (d: vscode.Diagnostic) => fromMks(d) && codeOf(d) === 'duplicate-hostname';
    const diags = (await diagnosticsWhere(uri, 'duplicate-hostname diagnostics', (ds) => ds.some(isDup))).filter(isDup);
    const text = editor.document.getText();
    const first = editor.document.positionAt(text.indexOf('cp-1'));
    const second = editor.document.positionAt(text.lastIndexOf('cp-1'));
    assert.deepEqual(
      diags.map((d) => d.range.start.line).sort((x, y) => x - y),
      [first.line, second.line],
      'one diagnostic on each cp-1 hostname',
    );
    assert.ok(diags.every((d) => editor.document.getText(d.range) === 'cp-1'), 'each range is the hostname value');

    await editor.edit((e) => e.replace(new vscode.Range(second, second.translate(0, 4)), 'wk-9'));
    await diagnosticsWhere(uri, 'the duplicate-hostname diagnostics to go', (ds) => !ds.some(isDup));
  });

  test('a Kubernetes Deployment next to the specs gets no MKS diagnostic', async () => {
    const deployment = writeWorkspaceFile('it/deployment.yaml', DEPLOYMENT);
    await openInEditor(deployment);
    // Opened after the Deployment: once its diagnostics are in, the server has handled the Deployment's open too.
    const faulty = writeWorkspaceFile('it/after-deployment.yaml', clusterWith('hostname: wk-1', 'hostname: cp-1'));
    await openInEditor(faulty);
    await diagnosticsWhere(faulty, 'diagnostics of the spec opened after the Deployment', (ds) => ds.some(fromMks));
    assert.deepEqual(vscode.languages.getDiagnostics(deployment).filter(fromMks), []);
  });

  test('a misspelled key is reported on the key', async () => {
    const uri = writeWorkspaceFile('it/unknown-key.yaml', clusterWith('    location: sanjose-us', '    locaton: sanjose-us'));
    const doc = (await openInEditor(uri)).document;
    const diags = await diagnosticsWhere(uri, 'a diagnostic on "locaton"', (ds) =>
      ds.some((d) => fromMks(d) && doc.getText(d.range) === 'locaton'),
    );
    const onKey = diags.find((d) => doc.getText(d.range) === 'locaton')!;
    assert.match(onKey.message, /location/, 'the message should suggest the right key');
  });

  test('completion offers the enum values of a node role', async () => {
    // The last line of the spec becomes an empty role item: `          - `.
    const text = twoNodeCluster.replace(/Worker\n$/, '\n');
    const uri = writeWorkspaceFile('it/completion.yaml', text);
    const doc = (await openInEditor(uri)).document;
    const emptyItem = new vscode.Position(doc.lineCount - 2, '          - '.length);
    assert.equal(doc.lineAt(emptyItem.line).text, '          - ');
    const list = await waitFor('completion items for a role', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, emptyItem);
      return l.items.length > 0 ? l : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const role of ['ControlPlane', 'Worker', 'Storage']) assert.ok(labels.includes(role), `${role} missing from ${labels.join(', ')}`);
  });

  test('hover on a field shows its documentation', async () => {
    const uri = writeWorkspaceFile('it/hover.yaml', twoNodeCluster);
    const doc = (await openInEditor(uri)).document;
    const onKey = positionAfter(doc, '    kubernetes').translate(0, -3);
    const hovers = await waitFor('a hover on kubernetesVersion', async () => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onKey);
      return hs.length > 0 ? hs : undefined;
    });
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /Kubernetes/i);
  });

  test('the quick fix renames a legacy key to its canonical name', async () => {
    const uri = writeWorkspaceFile('it/legacy-key.yaml', clusterWith('privateIP: 10.0.0.21', 'privateip: 10.0.0.21'));
    const doc = (await openInEditor(uri)).document;
    const diags = await diagnosticsWhere(uri, 'a diagnostic on "privateip"', (ds) => ds.some((d) => fromMks(d) && doc.getText(d.range) === 'privateip'));
    const legacy = diags.find((d) => doc.getText(d.range) === 'privateip')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, legacy.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.edit && /privateIP/.test(a.title));
    assert.ok(rename, `no quick fix naming privateIP among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(rename.edit!));
    assert.ok(doc.getText().includes('privateIP: 10.0.0.21'));
    assert.ok(!doc.getText().includes('privateip'));
    await diagnosticsWhere(uri, 'the legacy-key diagnostic to go', (ds) => !ds.some((d) => fromMks(d) && /privateip/.test(d.message)));
  });

  test('document symbols show the cluster and its nodes by hostname', async () => {
    const uri = writeWorkspaceFile('it/symbols.yaml', twoNodeCluster);
    await openInEditor(uri);
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return s && s.length > 0 ? s : undefined;
    });
    const names: string[] = [];
    const walk = (ss: vscode.DocumentSymbol[]) => ss.forEach((s) => (names.push(s.name), walk(s.children ?? [])));
    walk(symbols);
    assert.ok(names.some((n) => n.includes('it-cluster')), `no symbol for the cluster among ${names.join(', ')}`);
    assert.ok(names.some((n) => n.includes('cp-1')) && names.some((n) => n.includes('wk-1')), `nodes missing among ${names.join(', ')}`);
  });

  test('a spec that is not open gets its problems too (mksGitops.validate.workspace), kept current as the file changes on disk', async () => {
    // Written to disk and never opened: the file watcher tells the server, which validates it in the background.
    const uri = writeWorkspaceFile('it/never-opened.yaml', clusterWith('hostname: wk-1', 'hostname: cp-1'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file must not be open');
    const isDup = (d: vscode.Diagnostic) => fromMks(d) && codeOf(d) === 'duplicate-hostname';
    await diagnosticsWhere(uri, 'duplicate-hostname diagnostics on the unopened file', (ds) => ds.filter(isDup).length === 2);
    writeWorkspaceFile('it/never-opened.yaml', twoNodeCluster);
    await diagnosticsWhere(uri, 'the duplicate-hostname diagnostics of the unopened file to go once it is fixed on disk', (ds) => !ds.some(isDup));
  });
});
