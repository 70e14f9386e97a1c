// yaml-language-server (dist/yamlService.js) stays out of the server's start: it loads once the first
// diagnostics are out, or at the first completion or hover, whichever comes first. Without it the server still
// validates, and completion says why it has nothing.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList } from 'vscode-languageserver/node';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_NODE_OPTIONS } from '../../server/src/lsp/processOptions';
import { LspTestClient, examplePath, positionOf } from './lspClient';

const probe = join(__dirname, '..', 'support', 'moduleLoadProbe.cjs');
const seed = readFileSync(examplePath('cluster-seed.yaml'), 'utf8');
const loaded = (client: LspTestClient) => client.logs.join('').match(/module-load-probe: \S+/g)?.map((l) => l.split(': ')[1]) ?? [];

/** Resolves once `predicate` holds over the client's logs (checked as they arrive), or fails with them. */
async function logsUntil(client: LspTestClient, predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !predicate(); i++) {
    // A round trip to the server lets its stderr reach us; documentSymbol on an unknown document is a no-op.
    await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:nothing' } });
  }
  if (!predicate()) throw new Error(`${what} did not happen; logs:\n${client.logs.join('')}`);
}

describe('yaml-language-server is loaded after the first diagnostics', () => {
  const clients: LspTestClient[] = [];
  const start = async (options: Parameters<typeof LspTestClient.start>[0]) => {
    const client = await LspTestClient.start(options);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) expect(await client.stop()).toBe(0);
  });

  it('is not loaded at start, and is loaded after the first diagnostics without any request for it', async () => {
    // Started with the V8 options the extension gives the server (a bad one would stop node right away).
    const client = await start({ nodeArgs: [...SERVER_NODE_OPTIONS, '--require', probe] });
    await logsUntil(client, () => loaded(client).includes('server.js'), 'loading dist/server.js');
    await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:nothing' } });
    expect(loaded(client)).toEqual(['server.js']);

    const uri = 'untitled:deferred-1';
    await client.open(uri, seed);
    const published = await client.diagnostics(uri);
    expect(published.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    await logsUntil(client, () => loaded(client).includes('yamlService.js'), 'loading dist/yamlService.js after the first diagnostics');
    expect(loaded(client)).toEqual(['server.js', 'yamlService.js']);
  });

  it('answers a completion sent together with the open, before anything was loaded for it', async () => {
    const client = await start({});
    const text = seed.replace('arch: amd64', 'arch: ');
    const uri = 'untitled:deferred-2';
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'arch: ', 'arch: '.length) });
    expect(list.items.map((i) => i.label).sort()).toEqual(['amd64', 'arm64']);
  });

  it('without dist/yamlService.js still validates, and completion logs why it is empty', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'mks-server-alone-'));
    try {
      copyFileSync(join(__dirname, '..', '..', 'dist', 'server.js'), join(alone, 'server.js'));
      const client = await start({ bundle: join(alone, 'server.js') });
      const text = seed.replace('arch: amd64', 'arch: sparc64');
      const uri = 'untitled:deferred-3';
      await client.open(uri, text);
      const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
      expect(published.diagnostics.map((d) => d.code)).toContain('schema/enum');
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'arch: ', 'arch: '.length) });
      expect(list.items).toEqual([]);
      expect(client.logs.join('\n')).toContain('Completion and hover are unavailable: yaml-language-server could not be loaded');
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
