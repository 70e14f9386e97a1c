// Our language server vs plain yaml-language-server given our JSON schema, over stdio, in one run.
// Both servers run side by side and take turns (the order flips every round) so machine noise hits both.
// Per size: check that both really validate (a faulty spec gets a diagnostic on the faulty line), then
// time didOpen → diagnostics, didChange → diagnostics, completion and hover, and read the peak RSS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_OPTIONS } from '../server/src/lsp/processOptions';
import { clusterSpecYaml } from './generateSpec';
import { LspSession, type PublishedDiagnostics } from './lspSession';
import { percentile } from './stats';

export interface ServerFigures {
  openMs: number[];
  changeMs: number[];
  completionMs: number[];
  hoverMs: number[];
  peakRssMiB: number;
  /** Diagnostics on the valid spec and on the faulty one (the faulty one must flag the faulty line). */
  validDiagnostics: number;
  faultyDiagnostics: number;
  faultFound: boolean;
}

export interface SizeResult {
  nodes: number;
  ours: ServerFigures;
  peer: ServerFigures;
}

export interface LspBenchOptions {
  root: string;
  sizes: number[];
  /** didOpen/didChange rounds per size. */
  rounds: (nodes: number) => number;
  /** Completion and hover requests per server and size (each). */
  requests: number;
  log: (line: string) => void;
}

type Side = 'ours' | 'peer';

export async function benchLanguageServers(options: LspBenchOptions): Promise<SizeResult[]> {
  const schemaPath = join(options.root, 'schemas', 'mks.schema.json');
  if (!existsSync(schemaPath)) throw new Error(`${schemaPath} is missing: the peer needs our JSON schema`);
  const results: SizeResult[] = [];
  for (const nodes of options.sizes) {
    options.log(`  language servers, ${nodes} nodes`);
    results.push(await benchSize(nodes, pathToFileURL(schemaPath).href, options));
  }
  return results;
}

async function benchSize(nodes: number, schemaUri: string, options: LspBenchOptions): Promise<SizeResult> {
  const servers = {
    ours: await LspSession.start({
      command: ['node', ...SERVER_NODE_OPTIONS, join(options.root, 'dist', 'server.js'), '--stdio'],
      rootPath: options.root,
      configuration: { mksGitops: {} },
    }),
    peer: await LspSession.start({
      command: ['node', join(options.root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      rootPath: options.root,
      configuration: peerConfiguration(schemaUri),
    }),
  };
  try {
    const figures = { ours: emptyFigures(), peer: emptyFigures() };
    const valid = clusterSpecYaml({ nodes });
    const faulty = clusterSpecYaml({ nodes, fault: true });
    const faultLine = faulty.split('\n').findIndex((l) => l.includes('arch: sparc64'));

    for (const side of ['ours', 'peer'] as const) {
      // Warm-up (schema load and compile, JIT) and proof that the server validates at all.
      const uri = docUri(options.root, nodes, side, 'faulty');
      const published = await openAndWait(servers[side], uri, faulty);
      figures[side].faultyDiagnostics = published.diagnostics.length;
      figures[side].faultFound = published.diagnostics.some((d) => d.range.start.line === faultLine);
      await servers[side].close(uri);
    }

    for (let round = 0; round < options.rounds(nodes); round++) {
      for (const side of turnOrder(round)) {
        const uri = docUri(options.root, nodes, side, `round-${round}`);
        const session = servers[side];
        const t0 = performance.now();
        const opened = await openAndWait(session, uri, valid);
        figures[side].openMs.push(opened.at - t0);
        figures[side].validDiagnostics = opened.diagnostics.length;
        await quiet(session, uri);
        const t1 = performance.now();
        const changed = afterVersion(session, uri, 2);
        await session.change(uri, editOf(valid, round), 2);
        figures[side].changeMs.push((await changed).at - t1);
        await session.close(uri);
      }
    }

    const positions = requestPositions(valid, options.requests);
    for (const side of ['ours', 'peer'] as const) {
      await openAndWait(servers[side], docUri(options.root, nodes, side, 'requests'), valid);
    }
    for (let i = 0; i < positions.completion.length; i++) {
      for (const side of turnOrder(i)) {
        const textDocument = { uri: docUri(options.root, nodes, side, 'requests') };
        figures[side].completionMs.push(
          await timed(() => servers[side].request('textDocument/completion', { textDocument, position: positions.completion[i] })),
        );
        figures[side].hoverMs.push(
          await timed(() => servers[side].request('textDocument/hover', { textDocument, position: positions.hover[i] })),
        );
      }
    }
    for (const side of ['ours', 'peer'] as const) figures[side].peakRssMiB = servers[side].peakRssMiB();
    return { nodes, ...figures };
  } finally {
    await Promise.all([servers.ours.stop(), servers.peer.stop()]);
  }
}

/** yaml-language-server settings: our schema for every YAML file, and nothing fetched from the network. */
export function peerConfiguration(schemaUri: string) {
  return {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      schemas: { [schemaUri]: ['*.yaml'] },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    },
    http: {},
    '[yaml]': {},
    editor: {},
  };
}

const emptyFigures = (): ServerFigures => ({
  openMs: [],
  changeMs: [],
  completionMs: [],
  hoverMs: [],
  peakRssMiB: NaN,
  validDiagnostics: NaN,
  faultyDiagnostics: NaN,
  faultFound: false,
});

const turnOrder = (round: number): Side[] => (round % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours']);

const docUri = (root: string, nodes: number, side: Side, name: string) =>
  pathToFileURL(join(root, 'bench', 'results', 'lsp', `${side}-${nodes}-${name}.yaml`)).href;

async function openAndWait(session: LspSession, uri: string, text: string): Promise<PublishedDiagnostics> {
  const published = session.nextDiagnostics(uri);
  await session.open(uri, text, 1);
  return published;
}

/** Diagnostics for `version` or later; a server that leaves out the version is taken at its next publish. */
function afterVersion(session: LspSession, uri: string, version: number): Promise<PublishedDiagnostics> {
  return session.nextDiagnostics(uri, (p) => p.version === undefined || p.version === null || p.version >= version);
}

/** Lets a late second publish for the opened document go by before the edit is timed. */
async function quiet(session: LspSession, uri: string): Promise<void> {
  await session.nextDiagnostics(uri, () => true, 400).catch(() => undefined);
}

/** A valid edit in the middle of the file: one node's pool label changes. */
function editOf(text: string, round: number): string {
  const lines = text.split('\n');
  const pools = lines.flatMap((l, i) => (l.includes('node.kubernetes.io/pool:') ? [i] : []));
  const line = pools[Math.floor(pools.length / 2)];
  lines[line] = lines[line].replace(/pool: .*/, `pool: edited-${round}`);
  return lines.join('\n');
}

interface Position {
  line: number;
  character: number;
}

/** `count` completion positions (after `arch: `) and hover positions (on `operatingSystem`), spread over the nodes. */
function requestPositions(text: string, count: number): { completion: Position[]; hover: Position[] } {
  const lines = text.split('\n');
  const at = (needle: string, offset: number) =>
    lines.flatMap((l, line) => {
      const c = l.indexOf(needle);
      return c >= 0 ? [{ line, character: c + offset }] : [];
    });
  const spread = (all: Position[]) => Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
  return { completion: spread(at('arch: ', 'arch: '.length)), hover: spread(at('operatingSystem:', 3)) };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

export const p50 = (v: number[]) => percentile(v, 50);
export const p95 = (v: number[]) => percentile(v, 95);
