// Problems for files that are not open (mksGitops.validate.workspace), over stdio with the built server: every
// MKS spec of the workspace gets its diagnostics, kept current on file events, open documents win, the setting
// turns it on and off, `auto` stays off for large workspaces, and typing in an open document is served first.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { credentials, deployment, singleNodeCluster } from '../support/specs';
import { LspTestClient, fileUri } from './lspClient';

const broken = singleNodeCluster.replace('arch: amd64', 'arch: amd65');
const FILE_CREATED = 1;
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

/** Waits until `condition` holds (a state, polled), failing after `ms` with `what`. */
async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mks-lsp-workspace-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('workspace diagnostics', () => {
  let dir: string;
  let client: LspTestClient;
  const uri = (name: string) => fileUri(path.join(dir, name));
  const codes = (name: string, after = 0) => client.diagnostics(uri(name), (p) => p.diagnostics.length > 0, after).then((p) => p.diagnostics.map((d) => d.code));

  beforeAll(async () => {
    dir = workspaceWith({
      'clusters/broken.yaml': broken,
      'clusters/clean.yaml': singleNodeCluster,
      'creds/lab.yaml': credentials('lab-creds'),
      'deploy/web.yaml': deployment.replace('{app: web}', '{app: web'), // broken, but not ours: nothing
    });
    client = await LspTestClient.start({ workspaceFolder: dir });
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the problems of a spec that was never opened, and nothing for other YAML', async () => {
    expect(await codes('clusters/broken.yaml')).toEqual(['schema/enum']);
    expect(client.logs.join('\n')).toMatch(/Workspace validation on \(auto: 4 YAML files, limit 499\)/);
    // clean.yaml resolves its cloudCredentials from creds/lab.yaml (not open either): nothing to say.
    expect(client.published.filter((p) => p.uri === uri('clusters/clean.yaml') && p.diagnostics.length > 0)).toEqual([]);
    expect(client.published.filter((p) => p.uri === uri('deploy/web.yaml'))).toEqual([]);
  });

  it('keeps them current when files change, appear and disappear on disk', async () => {
    const seen = client.published.length;
    writeFileSync(path.join(dir, 'clusters/broken.yaml'), singleNodeCluster);
    writeFileSync(path.join(dir, 'clusters/new.yml'), singleNodeCluster.replace('lab-creds', 'nowhere-creds'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uri('clusters/broken.yaml'), type: FILE_CHANGED },
        { uri: uri('clusters/new.yml'), type: FILE_CREATED },
      ],
    });
    await client.diagnostics(uri('clusters/broken.yaml'), (p) => p.diagnostics.length === 0, seen);
    expect(await codes('clusters/new.yml', seen)).toEqual(['credentials-reference']);

    const beforeDelete = client.published.length;
    rmSync(path.join(dir, 'clusters/new.yml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('clusters/new.yml'), type: FILE_DELETED }] });
    await client.diagnostics(uri('clusters/new.yml'), (p) => p.diagnostics.length === 0, beforeDelete);
    writeFileSync(path.join(dir, 'clusters/broken.yaml'), broken);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('clusters/broken.yaml'), type: FILE_CHANGED }] });
    expect(await codes('clusters/broken.yaml', beforeDelete)).toEqual(['schema/enum']);
  });

  it('lets an open document speak for itself (its unsaved text), and goes back to the file on disk when it closes', async () => {
    const seen = client.published.length;
    await client.open(uri('clusters/broken.yaml'), singleNodeCluster, 1);
    const open = await client.diagnostics(uri('clusters/broken.yaml'), (p) => p.version === 1, seen);
    expect(open.diagnostics).toEqual([]);
    const beforeClose = client.published.length;
    await client.close(uri('clusters/broken.yaml'));
    expect(await codes('clusters/broken.yaml', beforeClose)).toEqual(['schema/enum']);
  });

  it('clears them when the setting is turned off and brings them back when it is on', async () => {
    const seen = client.published.length;
    await client.changeSettings({ validate: { workspace: 'off' } });
    await client.diagnostics(uri('clusters/broken.yaml'), (p) => p.diagnostics.length === 0, seen);
    const off = client.published.length;
    await client.changeSettings({ validate: { workspace: 'on' } });
    expect(await codes('clusters/broken.yaml', off)).toEqual(['schema/enum']);
    await client.changeSettings({});
  });
});

describe('workspace diagnostics in larger workspaces', () => {
  let dir: string | undefined;
  let client: LspTestClient | undefined;
  afterEach(async () => {
    if (client) expect(await client.stop()).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
    client = dir = undefined;
  });

  it('auto stays off from 500 YAML files on (the log says so); on validates them all the same', async () => {
    const files: Record<string, string> = { 'broken.yaml': broken };
    for (let i = 0; i < 499; i++) files[`other/f${i}.yaml`] = `name: f${i}\n`;
    dir = workspaceWith(files);
    client = await LspTestClient.start({ workspaceFolder: dir });
    await until(() => client!.logs.some((l) => l.includes('Workspace validation off (auto: 500 YAML files, limit 499)')), 'the log line');
    // An open document still gets its diagnostics (the server is up), and the unopened spec got none.
    await client.open('untitled:probe', broken);
    await client.diagnostics('untitled:probe', (p) => p.diagnostics.length > 0);
    expect(client.published.filter((p) => p.uri === fileUri(path.join(dir!, 'broken.yaml')))).toEqual([]);

    await client.changeSettings({ validate: { workspace: 'on' } });
    await client.diagnostics(fileUri(path.join(dir, 'broken.yaml')), (p) => p.diagnostics.length > 0);
  });

  it('serves typing in an open document before the background work', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`c${i}.yaml`] = broken.replace('name: lab', `name: lab-${i}`);
    dir = workspaceWith(files);
    client = await LspTestClient.start({ workspaceFolder: dir });
    const typed = 'untitled:typing';
    await client.open(typed, singleNodeCluster, 1);
    await client.diagnostics(typed, (p) => p.version === 1);
    // Type while the workspace is being validated: each keystroke's diagnostics come before the queue is done.
    let text = singleNodeCluster;
    for (let version = 2; version <= 6; version++) {
      text = text.replace('name: lab\n', `name: lab${version}\n`);
      await client.change(typed, text, version);
    }
    const answer = await client.diagnostics(typed, (p) => p.version === 6);
    const answeredAt = client.published.indexOf(answer);
    const workspaceUris = new Set(Object.keys(files).map((f) => fileUri(path.join(dir!, f))));
    await until(() => new Set(client!.published.filter((p) => workspaceUris.has(p.uri)).map((p) => p.uri)).size === 300, 'all 300 files');
    const lastBackground = client.published.map((p) => workspaceUris.has(p.uri)).lastIndexOf(true);
    expect(answeredAt).toBeLessThan(lastBackground);
  }, 120_000);
});
