import { readFileSync } from 'node:fs';
import type { CompletionItem, CompletionList } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { deployment } from '../support/specs';
import { LspTestClient, examplePath, positionOf } from './lspClient';

const seed = readFileSync(examplePath('cluster-seed.yaml'), 'utf8');

describe('completion', () => {
  let client: LspTestClient;
  let version = 0;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
  });

  async function complete(text: string, position: { line: number; character: number }): Promise<CompletionItem[]> {
    const uri = `untitled:completion-${++version}`;
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    return list.items;
  }

  it('offers the enum values of a node arch', async () => {
    const text = seed.replace('arch: amd64', 'arch: ');
    const items = await complete(text, positionOf(text, 'arch: ', 'arch: '.length));
    expect(items.map((i) => i.label).sort()).toEqual(['amd64', 'arm64']);
  });

  it('offers the node snippet in the nodes list', async () => {
    const text = seed.replace('    nodes:\n', '    nodes:\n      - \n');
    const items = await complete(text, positionOf(text, '      - \n', '      - '.length));
    const node = items.find((i) => i.label === 'node');
    expect(node?.insertTextFormat).toBe(2); // a snippet
    expect(node?.insertText).toContain('arch: ${3|amd64,arm64|}');
  });

  it('writes the node snippet the way the file indents its lists (indented or indentless)', async () => {
    const indented = seed.replace('    nodes:\n', '    nodes:\n      - \n');
    const a = (await complete(indented, positionOf(indented, '      - \n', '      - '.length))).find((i) => i.label === 'node');
    expect(a?.insertText).toContain('\n  roles:\n    - ${5|');
    // The same cluster written kubectl-style: list items at their key's indentation.
    const kubectl = parseDocument(seed).toString({ indentSeq: false });
    expect(kubectl).toMatch(/\n    nodes:\n    - hostname/);
    const text = kubectl.replace('    nodes:\n', '    nodes:\n    - \n');
    const b = (await complete(text, positionOf(text, '    - \n', '    - '.length))).find((i) => i.label === 'node');
    expect(b?.insertText).toContain('\n  roles:\n  - ${5|');
  });

  it('fills in a key with its default value', async () => {
    const text = seed.replace('    autoApproveNodes: true\n', '    \n');
    const items = await complete(text, positionOf(text, '    \n', 4));
    expect(items.find((i) => i.label === 'installerTtl')?.insertText).toBe('installerTtl: ${1:365}');
  });

  it('completes in a spec being written: broken YAML elsewhere, or no spec.type yet', async () => {
    const broken = seed.replace('arch: amd64', 'arch: ').replace('project: defaultproject', 'project: [defaultproject');
    expect((await complete(broken, positionOf(broken, 'arch: ', 'arch: '.length))).map((i) => i.label).sort()).toEqual(['amd64', 'arm64']);
    const untyped = seed.replace('  type: mks\n', '').replace('arch: amd64', 'arch: ');
    expect((await complete(untyped, positionOf(untyped, 'arch: ', 'arch: '.length))).map((i) => i.label).sort()).toEqual(['amd64', 'arm64']);
    // Another Rafay cluster type is not ours.
    const eks = seed.replace('type: mks', 'type: eks').replace('arch: amd64', 'arch: ');
    expect(await complete(eks, positionOf(eks, 'arch: ', 'arch: '.length))).toEqual([]);
  });

  it('offers whole MKS specs in an empty file', async () => {
    const items = await complete('', { line: 0, character: 0 });
    const cluster = items.find((i) => i.insertText?.startsWith('apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\n'));
    expect(cluster?.insertTextFormat).toBe(2);
  });

  it('offers nothing inside a Kubernetes Deployment, even in a file with an MKS spec', async () => {
    const text = `${deployment.replace('spec:\n', '\nspec:\n')}---\n${seed}`;
    expect(await complete(text, positionOf(text, '\n\nspec:', 1))).toEqual([]);
    expect(await complete(text, positionOf(text, 'replicas: 2'))).toEqual([]);
    expect(await complete(text, positionOf(text, 'arch: amd65', 'arch: '.length))).toEqual([]);
  });

  it('offers nothing in a document that is not under the MKS apiVersion', async () => {
    // yaml-language-server alone would apply the MKS schema here (its routing cannot require a missing apiVersion).
    const text = 'kind: Cluster\nmetadata:\n  name: other\n\nspec:\n  replicas: 2\n';
    expect(await complete(text, { line: 3, character: 0 })).toEqual([]);
    const asMks = `apiVersion: infra.k8smgmt.io/v3\n${text}`;
    expect((await complete(asMks, { line: 4, character: 0 })).map((i) => i.label)).toContain('status');
  });

  it('offers nothing, and hovers nothing, in a spec nested too deep to parse, and the server keeps answering', async () => {
    const text = `apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nmetadata:\n  name: deep\nspec:\n  type: mks\n  config: ${'['.repeat(5_000)}1${']'.repeat(5_000)}\n`;
    const position = { line: 6, character: 12 };
    expect(await complete(text, position)).toEqual([]);
    expect(await client.request('textDocument/hover', { textDocument: { uri: `untitled:completion-${version}` }, position })).toBeNull();
    const again = seed.replace('arch: amd64', 'arch: ');
    expect((await complete(again, positionOf(again, 'arch: ', 'arch: '.length))).map((i) => i.label).sort()).toEqual(['amd64', 'arm64']);
  });
});
