import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyFile, singleNodeCluster } from '../support/specs';
import { LspTestClient, applyEdits, positionOf } from './lspClient';

describe('code actions', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
  });

  const codeActions = (uri: string, diagnostics: Diagnostic[], only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, ...(only ? { only } : {}) },
    });

  it("offers each diagnostic's fixes as preferred quick fixes whose edits repair the spec", async () => {
    const uri = 'untitled:fixable';
    await client.open(uri, faultyFile);
    const { diagnostics } = await client.diagnostics(uri);
    const fixable = diagnostics.filter((d) => d.code === 'legacy-names' || d.code === 'schema/enum');
    const actions = await codeActions(uri, fixable);

    const privateip = positionOf(faultyFile, 'privateip');
    const amd65 = positionOf(faultyFile, 'amd65');
    expect(actions).toEqual([
      {
        title: 'Rename privateip to privateIP',
        kind: 'quickfix',
        diagnostics: [fixable[0]],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: { start: privateip, end: { ...privateip, character: privateip.character + 9 } }, newText: 'privateIP' }] } },
      },
      {
        title: 'Change to `amd64`',
        kind: 'quickfix',
        diagnostics: [fixable[1]],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: { start: amd65, end: { ...amd65, character: amd65.character + 5 } }, newText: 'amd64' }] } },
      },
    ]);

    const fixed = actions.reduce((text, action) => applyEdits(text, action.edit!.changes![uri]), faultyFile);
    await client.change(uri, fixed, 2);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.map((d) => d.code)).toEqual(['control-plane-required']);
  });

  it('offers "Move to `spec`" for systemComponentsPlacement written under spec.config, and the moved spec is clean', async () => {
    const uri = 'untitled:misplaced';
    const placement = '    # where Rafay runs its components\n    systemComponentsPlacement:\n      nodeSelector: {role: infra}\n';
    const text = singleNodeCluster.replace('    kubernetesVersion: v1.34.2\n', `    kubernetesVersion: v1.34.2\n${placement}`).replace('roles: [ControlPlane, Worker]', 'roles: [ControlPlane, Worker]\n        labels: {role: infra}');
    await client.open(uri, text);
    const { diagnostics } = await client.diagnostics(uri);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['schema/misplaced-key', 1, '`systemComponentsPlacement` belongs in `spec`, not in `spec.config`: here it is not read.'],
    ]);
    const actions = await codeActions(uri, diagnostics);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([['Move to `spec`', 'quickfix', true]]);
    const moved = applyEdits(text, actions[0].edit!.changes![uri]);
    expect(moved).toContain('  cloudCredentials: lab-creds\n  # where Rafay runs its components\n  systemComponentsPlacement:\n    nodeSelector: {role: infra}\n  config:\n');
    await client.change(uri, moved, 2);
    expect((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics).toEqual([]);
  });

  it('offers nothing for diagnostics of an older version of the document (their edits would land wrongly)', async () => {
    const uri = 'untitled:stale';
    await client.open(uri, faultyFile);
    const { diagnostics } = await client.diagnostics(uri);
    await client.change(uri, `# a new first line shifts everything\n${faultyFile}`, 2);
    expect(await codeActions(uri, diagnostics)).toEqual([]);
  });

  it('offers nothing when only other kinds of action are asked for, or for foreign or malformed diagnostics', async () => {
    const uri = 'untitled:other-kinds';
    await client.open(uri, faultyFile);
    const { diagnostics } = await client.diagnostics(uri);
    expect(await codeActions(uri, diagnostics, ['refactor'])).toEqual([]);
    expect((await codeActions(uri, diagnostics, ['quickfix'])).length).toBe(2);

    const foreign = diagnostics.map((d) => ({ ...d, source: 'yaml-schema' }));
    expect(await codeActions(uri, foreign)).toEqual([]);
    const malformed = diagnostics.map((d) => ({ ...d, data: { version: 1, fixes: [{ title: 'x', edits: [{ newText: 'y' }] }] } }));
    expect(await codeActions(uri, malformed)).toEqual([]);
  });

  it('quotes an unquoted SSH port and adds the toleration the selected nodes need', async () => {
    const uri = 'untitled:placement';
    const text = `${singleNodeCluster
      .replace('  config:\n', '  config:\n    ssh:\n      port: 22\n')
      .replace('roles: [ControlPlane, Worker]', 'roles: [ControlPlane, Worker]\n        labels: {infra: "true"}\n        taints:\n          - {key: infra, value: "true", effect: NoSchedule}')}  systemComponentsPlacement:\n    nodeSelector: {infra: "true"}\n`;
    await client.open(uri, text);
    const { diagnostics } = await client.diagnostics(uri);
    const fixable = diagnostics.filter((d) => d.code === 'ssh-port-string' || d.code === 'placement-tolerations');
    expect(fixable.map((d) => d.code)).toEqual(['ssh-port-string', 'placement-tolerations']);
    const actions = await codeActions(uri, fixable);
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Quote the port: "22"', true],
      ['Add toleration for infra=true:NoSchedule', true],
    ]);

    const fixed = actions.reduce((t, action) => applyEdits(t, action.edit!.changes![uri]), text);
    expect(fixed).toContain('      port: "22"\n');
    expect(fixed).toContain('    tolerations:\n      - key: infra\n');
    await client.change(uri, fixed, 2);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.filter((d) => d.code === 'ssh-port-string' || d.code === 'placement-tolerations')).toEqual([]);
  });
});
