import { readFileSync } from 'node:fs';
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { deployment } from '../support/specs';
import { LspTestClient, examplePath, fileUri, textAt } from './lspClient';

interface ExampleNode {
  hostname: string;
  roles: string[];
}

describe('document symbols', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
  });

  async function symbols(uri: string, text: string): Promise<DocumentSymbol[]> {
    await client.open(uri, text);
    return client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  }
  const child = (symbol: DocumentSymbol | undefined, name: string) => symbol?.children?.find((c) => c.name === name);

  it('outlines a cluster: its name, spec sections, config, and the nodes by hostname with their roles', async () => {
    const file = examplePath('cluster-ha.yaml');
    const text = readFileSync(file, 'utf8');
    const example = parse(text);
    const [cluster, ...others] = await symbols(fileUri(file), text);
    expect(others).toEqual([]);
    expect(cluster.name).toBe(example.metadata.name);
    expect(cluster.detail).toBe('Cluster');
    expect(cluster.children?.map((c) => c.name)).toEqual(Object.keys(example.spec));

    const nodes = child(child(cluster, 'config'), 'nodes');
    const expected = (example.spec.config.nodes as ExampleNode[]).map((n) => ({ name: n.hostname, detail: n.roles.join(', ') }));
    expect(nodes?.children?.map((n) => ({ name: n.name, detail: n.detail }))).toEqual(expected);
    for (const node of nodes?.children ?? []) {
      expect(textAt(text, node.selectionRange)).toBe(node.name);
      expect(textAt(text, node.range)).toMatch(new RegExp(`^hostname: ${node.name}\\n[^]*\\S$`));
    }
  });

  it('outlines every MKS document of a multi-document file and skips the rest', async () => {
    const file = examplePath('multi-document.yaml');
    const text = readFileSync(`${file}`, 'utf8');
    const withDeployment = `${text.trimEnd()}\n---\n${deployment}`;
    const expected = parseAllDocuments(text)
      .map((d) => d.toJS())
      .filter((d) => d?.apiVersion === 'infra.k8smgmt.io/v3')
      .map((d) => ({ name: d.metadata.name, detail: d.kind }));
    const result = await symbols('untitled:symbols-multi', withDeployment);
    expect(result.map((s) => ({ name: s.name, detail: s.detail }))).toEqual(expected);
  });

  it('lists the keys of a Credentials spec but never their values', async () => {
    const text = readFileSync(examplePath('credentials.yaml'), 'utf8').replace(
      '    username: ubuntu\n',
      '    username: ubuntu\n    passphrase: hunter2-secret\n',
    );
    const [credentials] = await symbols('untitled:symbols-credentials', text);
    const keys = child(credentials, 'credentials');
    expect(keys?.children?.map((c) => c.name)).toEqual(['username', 'passphrase', 'port', 'agents']);
    expect(JSON.stringify(credentials)).not.toContain('hunter2');
  });

  it('gives a Kubernetes Deployment no symbols', async () => {
    expect(await symbols('untitled:symbols-deployment', deployment)).toEqual([]);
  });
});
