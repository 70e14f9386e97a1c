// The combined schema (schemas/mks.schema.json) drives yaml-language-server 2.0's completion and hover inside
// MKS documents (its if/then on kind works for completion), and leaves other documents alone.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { describe, expect, it } from 'vitest';
import { canonicalCluster } from './helpers';

const schemaUri = pathToFileURL(resolve(__dirname, '../../schemas/mks.schema.json')).toString();

function service() {
  const ls = getLanguageService({
    // The combined schema refers to the Cluster and Credentials schemas next to it.
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
  });
  ls.configure({ validate: true, hover: true, completion: true, schemas: [{ uri: schemaUri, fileMatch: ['*.yaml'] }] });
  return ls;
}

const ls = service();
// yaml-language-server caches parsed documents by URI and version: each text gets its own URI.
let opened = 0;
const open = (text: string) => TextDocument.create(`file:///ws/spec-${++opened}.yaml`, 'yaml', 1, text);
const labels = async (text: string, line: number, character: number) =>
  (await ls.doComplete(open(text), { line, character }, false)).items.map((i) => i.label);

const clusterHead = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata: {name: demo, project: demo}
spec:
  type: mks
  config:
    nodes:
      - hostname: cp-1
        arch: 
        roles: [Worker]
      - 
    kubernetesVersion: v1.33.1
  
`;

describe('yaml-language-server with schemas/mks.schema.json', () => {
  it('completes the keys still missing in a node, and the node snippet', async () => {
    const items = await labels(clusterHead, 9, 8);
    expect(items).toEqual(expect.arrayContaining(['privateIP', 'operatingSystem', 'interface', 'taints', 'ssh', 'node']));
    expect(items).not.toContain('hostname');
  });

  it('completes enum values', async () => {
    expect(await labels(clusterHead, 8, 14)).toEqual(['amd64', 'arm64']);
  });

  it('offers the node snippet on a new list item, with its body', async () => {
    const list = await ls.doComplete(open(clusterHead), { line: 10, character: 8 }, false);
    const snippet = list.items.find((i) => i.label === 'node' && i.insertText?.includes('${1:node-1}'));
    expect(snippet?.insertText).toContain('arch: ${3|amd64,arm64|}');
  });

  it('completes spec keys', async () => {
    expect(await labels(clusterHead, 12, 2)).toEqual(expect.arrayContaining(['blueprint', 'cloudCredentials', 'systemComponentsPlacement']));
  });

  it('offers the whole-document snippets (on the combined schema\'s root) in an empty document', async () => {
    expect(await labels('', 0, 0)).toEqual(expect.arrayContaining(['MKS cluster', 'MKS SSH credentials']));
  });

  it('shows the markdown description on hover', async () => {
    const hover = await ls.doHover(open(clusterHead), { line: 11, character: 8 });
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain('Changing it and re-applying **upgrades** the cluster');
  });

  it('lists the described enum values on hover', async () => {
    const hover = await ls.doHover(open(clusterHead), { line: 8, character: 9 });
    const value = (hover?.contents as { value: string }).value;
    expect(value).toMatch(/^CPU architecture: `amd64` or `arm64`\.\n\nAllowed Values:\n/);
    expect(value).toContain('* `amd64`: 64-bit x86 (Intel, AMD).');
    expect(value).toContain('* `arm64`: 64-bit ARM.');
  });

  it('completes inside a Credentials document too', async () => {
    const text = 'apiVersion: infra.k8smgmt.io/v3\nkind: Credentials\nspec:\n  provider: mks\n  credentials:\n    \n';
    expect(await labels(text, 5, 4)).toEqual(expect.arrayContaining(['username', 'port', 'privateKey', 'agents']));
  });

  it('finds nothing in the canonical example, and leaves a Deployment alone', async () => {
    expect(await ls.doValidation(open(canonicalCluster), false)).toEqual([]);
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, hostnme: x}\n';
    expect(await ls.doValidation(open(deployment), false)).toEqual([]);
  });
});
