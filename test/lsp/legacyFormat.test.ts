// The 2021 rctl format over LSP (built server, stdio, a real client): one diagnostic on the document, the migration
// as its quick fix, and after the fix the v3 findings of what the old file lacked, instead of the legacy one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeAction } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspTestClient, applyEdits } from './lspClient';

const legacy = readFileSync(path.join(__dirname, '..', 'migrate', 'fixtures', 'legacy-2021.yaml'), 'utf8');
const expectedV3 = readFileSync(path.join(__dirname, '..', 'migrate', 'fixtures', 'legacy-2021.v3.yaml'), 'utf8');

describe('2021 rctl format over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it('publishes one legacy-format error and offers the migration, which the client can apply', async () => {
    const uri = 'untitled:legacy-2021';
    await client.open(uri, legacy);
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([['legacy-format', 1, 1]]);
    expect(diagnostics[0].message).toMatch(/^This cluster spec is in the 2021 rctl format .* System Sync needs the v3 extended spec\./);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    });
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([['Migrate to the v3 extended spec (apiVersion infra.k8smgmt.io/v3)', 'quickfix', true]]);
    const migrated = applyEdits(legacy, actions[0].edit!.changes![uri]);
    expect(migrated).toBe(expectedV3);

    await client.change(uri, migrated, 2);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    const errors = after.diagnostics.filter((d) => d.severity === 1).map((d) => [d.code, d.range.start.line, d.message]);
    const line = (needle: string) => migrated.split('\n').findIndex((l) => l.includes(needle));
    expect(errors).toEqual([
      ['schema/required', line('- hostname: cp-1'), 'Missing required key `privateIP` in node 1 (`cp-1`).'],
      ['schema/required', line('- hostname: cp-1'), 'Missing required key `arch` in node 1 (`cp-1`).'],
      ['schema/required', line('- hostname: wk-1'), 'Missing required key `privateIP` in node 2 (`wk-1`).'],
      ['schema/required', line('- hostname: wk-1'), 'Missing required key `arch` in node 2 (`wk-1`).'],
    ]);
  });
});
