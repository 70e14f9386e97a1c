import { describe, expect, it } from 'vitest';
import { faultyFile } from '../support/specs';
import { LspTestClient } from './lspClient';

describe('transport', () => {
  it('serves over node IPC, the way the VS Code client starts it, and exits cleanly', async () => {
    const client = await LspTestClient.start({ transport: 'ipc' });
    const uri = 'untitled:ipc';
    await client.open(uri, faultyFile);
    const { diagnostics } = await client.diagnostics(uri);
    expect(diagnostics.map((d) => d.code)).toEqual(['control-plane-required', 'legacy-names', 'schema/enum']);
    expect(await client.stop()).toBe(0);
  });

  it('answers a malformed request empty, logs why, and keeps serving', async () => {
    const client = await LspTestClient.start();
    await client.open('untitled:tiny', 'a: 1\n');
    const noPosition = { textDocument: { uri: 'untitled:tiny' }, position: null };
    expect(await client.request('textDocument/completion', noPosition)).toEqual({ isIncomplete: false, items: [] });
    expect(await client.request('textDocument/definition', noPosition)).toEqual([]);
    expect(await client.request('textDocument/hover', {})).toBeNull();
    expect(client.logs.some((l) => l.startsWith('completion failed: TypeError'))).toBe(true);
    expect(client.logs.some((l) => l.startsWith('hover failed: TypeError'))).toBe(true);

    await client.open('untitled:after', faultyFile);
    expect((await client.diagnostics('untitled:after')).diagnostics.length).toBe(3);
    expect(await client.stop()).toBe(0);
  });
});
