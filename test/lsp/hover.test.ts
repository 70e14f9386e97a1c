import { readFileSync } from 'node:fs';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import clusterSchema from '../../schemas/mks-cluster.schema.json';
import { deployment } from '../support/specs';
import { LspTestClient, examplePath, fileUri, positionOf } from './lspClient';

const file = examplePath('multi-document.yaml');
const text = readFileSync(file, 'utf8');
const uri = fileUri(file);

describe('hover', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
    await client.open(uri, text);
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
  });

  const hover = (at: string, docUri = uri, docText = text) =>
    client.request<Hover | null>('textDocument/hover', { textDocument: { uri: docUri }, position: positionOf(docText, at, 1) });

  it("shows a field's markdown documentation from the schema", async () => {
    const result = await hover('arch: arm64');
    const contents = result?.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    expect(contents.value).toContain(clusterSchema.definitions.node.properties.arch.markdownDescription);
    expect(result?.range).toEqual({ start: positionOf(text, 'arch: arm64'), end: positionOf(text, 'arch: arm64', 4) });
  });

  it('shows nothing in a Kubernetes Deployment', async () => {
    const mixed = 'untitled:hover-mixed';
    const mixedText = `${deployment}---\n${text}`;
    await client.open(mixed, mixedText);
    expect(await hover('replicas', mixed, mixedText)).toBeNull();
    // yaml-language-server alone answers an empty hover on a root key of any document.
    expect(await hover('kind: Deployment', mixed, mixedText)).toBeNull();
    expect(await hover('arch: arm64', mixed, mixedText)).not.toBeNull();
  });
});
