// Version-aware component arguments over the built server and a real LSP client: a removed feature gate inside
// a folded string, a YAML error inside a block string and a flag/config contradiction, each at its exact place,
// and the gate's quick fix.
import type { CodeAction } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspTestClient, applyEdits, positionOf } from './lspClient';
import { singleNodeCluster } from '../support/specs';

const spec = singleNodeCluster.replace(
  '    nodes:\n',
  [
    '    kubeletExtraArgs:',
    '      max-pods: "250"',
    '      feature-gates: >-',
    '        GracefulNodeShutdown=true,',
    '        DynamicKubeletConfig=true',
    '    kubeletConfigurationOverrides: |',
    '      maxPods: 110',
    '    controlPlaneOverrides:',
    '      kubeApiserver:',
    '        extraVolumes: |',
    '          - name: audit',
    '            hostPath: {path: /var/log/audit',
    '    nodes:',
    '',
  ].join('\n'),
);

describe('component arguments over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it('publishes each finding at its place inside the strings, and the gate fix removes the gate', async () => {
    const uri = 'untitled:component-arguments';
    await client.open(uri, spec);
    const { diagnostics } = await client.diagnostics(uri);
    const ours = diagnostics.filter((d) => ['feature-gates', 'embedded-yaml', 'kubelet-flag-conflict'].includes(String(d.code)));
    const gate = positionOf(spec, 'DynamicKubeletConfig');
    const maxPods = positionOf(spec, '"250"');
    const unclosed = positionOf(spec, 'audit\n    nodes', 4);
    expect(ours.map((d) => [d.code, d.severity, d.range])).toEqual([
      ['kubelet-flag-conflict', 2, { start: maxPods, end: { ...maxPods, character: maxPods.character + 5 } }],
      ['feature-gates', 1, { start: gate, end: { ...gate, character: gate.character + 20 } }],
      ['embedded-yaml', 1, { start: unclosed, end: { ...unclosed, character: unclosed.character + 1 } }],
    ]);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: ours[1].range,
      context: { diagnostics: [ours[1]] },
    });
    expect(actions.map((a) => a.title)).toEqual(['Remove DynamicKubeletConfig']);
    const fixed = applyEdits(spec, actions[0].edit!.changes![uri]);
    expect(fixed).toContain('      feature-gates: >-\n        GracefulNodeShutdown=true\n    kubeletConfigurationOverrides');
    await client.change(uri, fixed, 2);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.filter((d) => d.code === 'feature-gates')).toEqual([]);
  });
});
