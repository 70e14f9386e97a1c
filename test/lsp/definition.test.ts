import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, singleNodeCluster } from '../support/specs';
import { LspTestClient, fileUri, positionOf } from './lspClient';

const labCredentials = `# lab credentials\n${credentials('lab-creds')}`;

describe('go to definition', () => {
  let workspace: string;
  let client: LspTestClient;
  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'mks-lsp-definition-'));
    mkdirSync(path.join(workspace, 'creds'));
    writeFileSync(path.join(workspace, 'creds', 'lab.yaml'), labCredentials);
    // Same name under node_modules and .git: never indexed.
    for (const skipped of ['node_modules', '.git']) {
      mkdirSync(path.join(workspace, skipped));
      writeFileSync(path.join(workspace, skipped, 'lab.yaml'), credentials('lab-creds'));
    }
    client = await LspTestClient.start({ workspaceFolder: workspace });
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
    rmSync(workspace, { recursive: true, force: true });
  });

  const definition = (uri: string, text: string, at: string) =>
    client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, at, 2) });

  it('goes from spec.cloudCredentials to the Credentials spec found by the workspace scan', async () => {
    const uri = fileUri(path.join(workspace, 'cluster.yaml'));
    await client.open(uri, singleNodeCluster);
    // The scan ran at start; once it is done the reference is known and the cluster is clean.
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    const start = positionOf(labCredentials, 'lab-creds'); // the `metadata.name` value
    expect(await definition(uri, singleNodeCluster, 'lab-creds')).toEqual([
      { uri: fileUri(path.join(workspace, 'creds', 'lab.yaml')), range: { start, end: { ...start, character: start.character + 9 } } },
    ]);
    // Anywhere else in the cluster: no definition.
    expect(await definition(uri, singleNodeCluster, 'node-1')).toEqual([]);
  });

  it('follows Credentials files created on disk and open documents, and forgets deleted ones', async () => {
    const uri = fileUri(path.join(workspace, 'edge.yaml'));
    const cluster = singleNodeCluster.replace('lab-creds', 'edge-creds');
    await client.open(uri, cluster);
    const unknown = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(unknown.diagnostics.map((d) => d.code)).toEqual(['credentials-reference']);
    expect(await definition(uri, cluster, 'edge-creds')).toEqual([]);

    const created = path.join(workspace, 'edge-creds.yml');
    writeFileSync(created, credentials('edge-creds'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 1 }] });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    expect((await definition(uri, cluster, 'edge-creds')).map((l) => l.uri)).toEqual([fileUri(created)]);

    rmSync(created);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 3 }] });
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0, client.published.length);
    expect(await definition(uri, cluster, 'edge-creds')).toEqual([]);

    // An unsaved document counts while it is open, and no longer once closed (it was never saved).
    const draft = 'untitled:edge-draft';
    await client.open(draft, credentials('edge-creds'));
    expect((await definition(uri, cluster, 'edge-creds')).map((l) => l.uri)).toEqual([draft]);
    await client.close(draft);
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0, client.published.length);
    expect(await definition(uri, cluster, 'edge-creds')).toEqual([]);
  });

  it("goes to the same-named credential of the cluster's own project, and warns when only another project's, unshared, has the name", async () => {
    const opsFile = path.join(workspace, 'ops-shared.yaml');
    const demoFile = path.join(workspace, 'demo-shared.yaml');
    writeFileSync(opsFile, credentials('shared-name').replace('project: demo', 'project: ops'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(opsFile), type: 1 }] });
    const uri = fileUri(path.join(workspace, 'shared-cluster.yaml'));
    const cluster = singleNodeCluster.replace('lab-creds', 'shared-name');
    await client.open(uri, cluster);
    const other = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'credentials-reference' && d.severity === 2));
    expect(other.diagnostics.find((d) => d.code === 'credentials-reference')?.message).toMatch(/^Credentials spec shared-name is in project ops, not in this cluster's project demo/);
    expect((await definition(uri, cluster, 'shared-name')).map((l) => l.uri)).toEqual([fileUri(opsFile)]);

    writeFileSync(demoFile, credentials('shared-name'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(demoFile), type: 1 }] });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0, client.published.length);
    expect((await definition(uri, cluster, 'shared-name')).map((l) => l.uri)).toEqual([fileUri(demoFile)]);
    await client.close(uri);
    rmSync(opsFile);
    rmSync(demoFile);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [opsFile, demoFile].map((f) => ({ uri: fileUri(f), type: 3 })),
    });
  });

  it('scans a workspace folder added later and forgets one removed', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mks-lsp-second-root-'));
    const farFile = path.join(folder, 'far.yaml');
    writeFileSync(farFile, credentials('far-creds'));
    const uri = fileUri(path.join(workspace, 'far-cluster.yaml'));
    const cluster = singleNodeCluster.replace('lab-creds', 'far-creds');
    await client.open(uri, cluster);
    await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'credentials-reference'));

    const event = (added: string[], removed: string[]) => ({
      event: { added: added.map((f) => ({ uri: fileUri(f), name: 'root' })), removed: removed.map((f) => ({ uri: fileUri(f), name: 'root' })) },
    });
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', event([folder], []));
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0, client.published.length);
    expect((await definition(uri, cluster, 'far-creds')).map((l) => l.uri)).toEqual([fileUri(farFile)]);

    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', event([], [folder]));
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0, client.published.length);
    expect(await definition(uri, cluster, 'far-creds')).toEqual([]);
    rmSync(folder, { recursive: true, force: true });
  });
});
