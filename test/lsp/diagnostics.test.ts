import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSpecYaml } from '../../bench/generateSpec';
import { faultyFile, deployment, singleNodeCluster } from '../support/specs';
import { LspTestClient, examplePath, fileUri, positionOf } from './lspClient';

const span = (text: string, needle: string) => {
  const start = positionOf(text, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
};

describe('diagnostics', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start({ workspaceFolder: examplePath('') });
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
  });

  it('reports each problem of a faulty cluster with its code, range, severity and source', async () => {
    const uri = 'untitled:faulty';
    await client.open(uri, faultyFile);
    const { diagnostics, version } = await client.diagnostics(uri);
    expect(version).toBe(1);
    expect(diagnostics.map((d) => ({ code: d.code, range: d.range, severity: d.severity, source: d.source }))).toEqual([
      // No node has the ControlPlane role: reported on the nodes key.
      { code: 'control-plane-required', range: span(faultyFile, 'nodes'), severity: 1, source: 'mks' },
      { code: 'legacy-names', range: span(faultyFile, 'privateip'), severity: 2, source: 'mks' },
      { code: 'schema/enum', range: span(faultyFile, 'amd65'), severity: 1, source: 'mks' },
    ]);
    expect(diagnostics[2].message).toContain('amd64');
  });

  it('gives a Kubernetes Deployment no diagnostic at all, alone or next to an MKS spec', async () => {
    const alone = 'untitled:deployment';
    await client.open(alone, deployment);
    expect((await client.diagnostics(alone)).diagnostics).toEqual([]);

    const mixed = 'untitled:mixed';
    const text = `${deployment}---\n${faultyFile}`;
    await client.open(mixed, text);
    const { diagnostics } = await client.diagnostics(mixed);
    const deploymentEnd = positionOf(text, '---').line;
    expect(diagnostics.length).toBe(3);
    expect(diagnostics.every((d) => d.range.start.line > deploymentEnd)).toBe(true);
  });

  it('reports broken YAML in an MKS spec, and not in other YAML', async () => {
    const broken = 'untitled:broken';
    const text = singleNodeCluster.replace('roles: [ControlPlane, Worker]', 'roles: [ControlPlane, Worker');
    await client.open(broken, text);
    const { diagnostics } = await client.diagnostics(broken);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.code === 'yaml-syntax' && d.severity === 1)).toBe(true);

    const other = 'untitled:broken-deployment';
    await client.open(other, deployment.replace('{app: web}', '{app: web'));
    expect((await client.diagnostics(other)).diagnostics).toEqual([]);
  });

  it('reports an MKS spec the parser cannot expand (alias bomb) as an error, not as clean; the same bomb in other YAML gets nothing', async () => {
    const bomb = ['    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let l = 1; l < 9; l++) bomb.push(`    l${l}: &l${l} [${Array(9).fill(`*l${l - 1}`).join(', ')}]`);
    const uri = 'untitled:alias-bomb';
    await client.open(uri, singleNodeCluster.replace(/^  config:\n/m, `  config:\n${bomb.join('\n')}\n`));
    const { diagnostics } = await client.diagnostics(uri);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([['yaml-unreadable', 1, 0]]);
    expect(diagnostics[0].message).toMatch(/Excessive alias count/);

    const other = 'untitled:alias-bomb-deployment';
    await client.open(other, `${deployment}bomb:\n${bomb.join('\n')}\n`);
    expect((await client.diagnostics(other)).diagnostics).toEqual([]);
  });

  it('validates the new text after a change, with the new version', async () => {
    const uri = 'untitled:edited';
    await client.open(uri, faultyFile);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 3);
    const fixed = faultyFile.replace('amd65', 'amd64').replace('privateip', 'privateIP').replace('[Worker]', '[ControlPlane, Worker]');
    await client.change(uri, fixed, 2);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics).toEqual([]);
  });

  it('keeps diagnostics right while a value is typed into a large spec key by key, and after lines are pasted', async () => {
    // 300 nodes: each keystroke re-parses only the edited item (engine/reparse.ts); the answer must not differ
    // from a fresh parse of the same text, in the published diagnostics nor at any version.
    const uri = 'untitled:typing';
    // In the examples' project, whose Credentials spec (examples/credentials.yaml) it names.
    const lines = clusterSpecYaml({ nodes: 300 }).replace('project: bench', 'project: defaultproject').split('\n');
    await client.open(uri, lines.join('\n'));
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);
    const archLine = lines.findIndex((l, i) => i > lines.length / 2 && l.trim() === 'arch: amd64');
    const at = (character: number) => ({ line: archLine, character });
    const valueStart = lines[archLine].indexOf('amd64');
    let version = 1;
    // Delete the value, then type "sparc" one key at a time: an enum error on that line at the end.
    await client.edit(uri, { start: at(valueStart), end: at(valueStart + 5) }, '', ++version);
    for (const [i, key] of [...'sparc'].entries()) await client.edit(uri, { start: at(valueStart + i), end: at(valueStart + i) }, key, ++version);
    const typed = await client.diagnostics(uri, (p) => p.version === version);
    expect(typed.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['schema/enum', archLine]]);
    // Paste a copy of the first worker node before that line's node: a duplicate hostname and privateIP.
    const firstWorker = lines.findIndex((l) => l.startsWith('      - hostname: wk-'));
    const block = lines.slice(firstWorker, lines.findIndex((l, i) => i > firstWorker && l.startsWith('      - '))).join('\n');
    const nodeStart = archLine - [...lines.slice(0, archLine)].reverse().findIndex((l) => l.startsWith('      - ')) - 1;
    await client.edit(uri, { start: { line: nodeStart, character: 0 }, end: { line: nodeStart, character: 0 } }, `${block}\n`, ++version);
    const pasted = await client.diagnostics(uri, (p) => p.version === version);
    // The same text opened fresh (parsed whole) gets the same diagnostics.
    const edited = [...lines];
    edited[archLine] = edited[archLine].replace('amd64', 'sparc');
    edited.splice(nodeStart, 0, block);
    const fresh = 'untitled:typing-fresh';
    await client.open(fresh, edited.join('\n'));
    const expected = await client.diagnostics(fresh);
    expect(pasted.diagnostics).toEqual(expected.diagnostics);
    expect(pasted.diagnostics.map((d) => d.code).sort()).toEqual(['duplicate-hostname', 'duplicate-hostname', 'duplicate-private-ip', 'duplicate-private-ip', 'schema/enum']);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'untitled:closing';
    await client.open(uri, faultyFile);
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const seen = client.published.length;
    await client.close(uri);
    const cleared = await client.diagnostics(uri, () => true, seen);
    expect(cleared.diagnostics).toEqual([]);
  });

  it.each(['cluster-seed.yaml', 'cluster-ha.yaml', 'credentials.yaml', 'multi-document.yaml'])(
    'finds nothing wrong in the example %s (its Credentials found by the workspace scan)',
    async (name) => {
      const file = examplePath(name);
      const uri = fileUri(file);
      await client.open(uri, readFileSync(file, 'utf8'));
      // Until the scan has indexed credentials.yaml, the clusters' cloudCredentials are unknown (an info); then none.
      await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    },
  );
});
