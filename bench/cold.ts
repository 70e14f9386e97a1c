// Cold first diagnostics: what a user meets when VS Code starts the language server and a spec is open.
// Per sample a fresh server process: spawn → initialize → initialized → didOpen (sent at once, as VS Code
// does for the editors already open) → the first publishDiagnostics for that document. Ours and the peer
// take turns (the order flips every sample) so machine noise hits both.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_OPTIONS } from '../server/src/lsp/processOptions';
import { clusterSpecYaml } from './generateSpec';
import { LspSession } from './lspSession';
import { peerConfiguration } from './lsp';

export interface ColdFigures {
  /** spawn → first publishDiagnostics of the opened document, per sample. */
  firstDiagnosticsMs: number[];
  /** spawn → initialize answered, per sample. */
  initializeMs: number[];
  /** Codes of the diagnostics in the last sample's first publish (the spec is valid; ours warns that the
   *  Credentials spec it names is not in the workspace: `credentials-reference`). */
  diagnostics: string[];
}

export interface ColdResult {
  nodes: number;
  ours: ColdFigures;
  peer: ColdFigures;
}

export async function benchColdStart(options: {
  root: string;
  sizes: number[];
  samples: number;
  log: (line: string) => void;
}): Promise<ColdResult[]> {
  const schemaUri = pathToFileURL(join(options.root, 'schemas', 'mks.schema.json')).href;
  const commands = {
    ours: ['node', ...SERVER_NODE_OPTIONS, join(options.root, 'dist', 'server.js'), '--stdio'],
    peer: ['node', join(options.root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
  };
  const configurations = { ours: { mksGitops: {} }, peer: peerConfiguration(schemaUri) };
  const results: ColdResult[] = [];
  for (const nodes of options.sizes) {
    options.log(`  cold start, ${nodes} nodes`);
    const text = clusterSpecYaml({ nodes });
    const result: ColdResult = { nodes, ours: empty(), peer: empty() };
    for (let sample = 0; sample < options.samples; sample++) {
      const order = sample % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
      for (const side of order) {
        const uri = pathToFileURL(join(options.root, 'bench', 'results', 'lsp', `cold-${side}-${nodes}-${sample}.yaml`)).href;
        const t0 = performance.now();
        const session = await LspSession.start({ command: commands[side], rootPath: options.root, configuration: configurations[side] });
        // start() resolves once `initialize` is answered and `initialized` is sent: didOpen goes out at once.
        const initialized = performance.now();
        try {
          const published = session.nextDiagnostics(uri);
          await session.open(uri, text, 1);
          const first = await published;
          result[side].firstDiagnosticsMs.push(first.at - t0);
          result[side].initializeMs.push(initialized - t0);
          result[side].diagnostics = first.diagnostics.map((d) => String(d.code ?? d.message.slice(0, 40)));
        } finally {
          await session.stop();
        }
      }
    }
    results.push(result);
  }
  return results;
}

const empty = (): ColdFigures => ({ firstDiagnosticsMs: [], initializeMs: [], diagnostics: [] });
