// The built language server over stdio, fed thousands of generated and broken documents with completion,
// hover, symbol and code-action requests in between: it must not crash, must answer every request, each
// within 1 s, and keep its memory bounded. An input that fails is saved in test/fuzz/regressions/ and
// replayed first on every run. FUZZ_SEED and FUZZ_DOCS override the seed and the number of documents.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from '../../bench/lspSession';
import { fuzzDocument, fuzzPosition, seededRandom, type FuzzDocument } from './documents';

const root = resolve(__dirname, '..', '..');
const serverPath = join(root, 'dist', 'server.js');
const regressions = join(__dirname, 'regressions');
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const DOCS = Number(process.env.FUZZ_DOCS ?? 1500);
const REQUEST_LIMIT_MS = 1_000;
/** No answer at all within this long counts as unanswered (rather than merely slow). */
const UNANSWERED_MS = 10_000;
const MEMORY_LIMIT_MIB = 1_024;

interface Failure {
  input: FuzzDocument;
  reason: string;
}

let session: LspSession;
let stderr = '';

async function startServer(): Promise<void> {
  stderr = '';
  session = await LspSession.start({
    command: [process.execPath, serverPath, '--stdio'],
    rootPath: root,
    configuration: { mksGitops: {} },
    onStderr: (chunk) => (stderr = (stderr + chunk).slice(-4_000)),
  });
}

/** One request with a deadline; returns a reason when it failed, else undefined. */
async function timedRequest(method: string, params: unknown): Promise<string | undefined> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unanswered = new Promise<'unanswered'>((r) => (timer = setTimeout(() => r('unanswered'), UNANSWERED_MS)));
  try {
    const outcome = await Promise.race([
      session.request(method, params).then(
        () => 'answered' as const,
        (error: Error & { code?: number }) => (typeof error.code === 'number' ? ('answered' as const) : `failed: ${error.message}`),
      ),
      unanswered,
    ]);
    const elapsed = performance.now() - t0;
    if (outcome === 'unanswered') return `${method} unanswered after ${UNANSWERED_MS} ms`;
    if (outcome !== 'answered') return `${method} ${outcome}`;
    return elapsed > REQUEST_LIMIT_MS ? `${method} took ${Math.round(elapsed)} ms` : undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the document, edits it once, and sends a burst of requests at random positions, some in parallel. */
async function exercise(input: FuzzDocument, index: number, random: () => number): Promise<string | undefined> {
  const uri = `file:///fuzz/doc-${index}.yaml`;
  const textDocument = { uri };
  await session.open(uri, input.text, 1);
  const position = () => fuzzPosition(input.text, random);
  const wholeLine = () => {
    const p = position();
    return { start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } };
  };
  const diagnostics = () => session.latestDiagnostics(uri)?.diagnostics ?? [];
  const outcomes = await Promise.all([
    timedRequest('textDocument/completion', { textDocument, position: position() }),
    timedRequest('textDocument/hover', { textDocument, position: position() }),
    timedRequest('textDocument/documentSymbol', { textDocument }),
  ]);
  const edited = fuzzDocument(SEED + 1, index).text;
  await session.change(uri, edited, 2);
  outcomes.push(
    await timedRequest('textDocument/codeAction', { textDocument, range: wholeLine(), context: { diagnostics: diagnostics() } }),
    await timedRequest('textDocument/hover', { textDocument, position: fuzzPosition(edited, random) }),
    await timedRequest('textDocument/completion', { textDocument, position: fuzzPosition(edited, random) }),
  );
  await session.close(uri);
  if (session.exit) return `server exited (${JSON.stringify(session.exit)}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
  return outcomes.find((o) => o !== undefined);
}

function save(failure: Failure): string {
  mkdirSync(regressions, { recursive: true });
  const name = `${createHash('sha1').update(failure.input.text).digest('hex').slice(0, 12)}.yaml`;
  writeFileSync(join(regressions, name), failure.input.text);
  return name;
}

async function runAll(inputs: Iterable<FuzzDocument>, random: () => number, saveFailures: boolean): Promise<string[]> {
  const failures: string[] = [];
  let index = 0;
  for (const input of inputs) {
    const reason = await exercise(input, index++, random);
    if (!reason) continue;
    const saved = saveFailures ? ` → saved as regressions/${save({ input, reason })}` : '';
    failures.push(`#${index - 1} (${input.kind}): ${reason}${saved}`);
    if (session.exit) await startServer();
    if (failures.length >= 20) break;
  }
  return failures;
}

describe('language server fuzz', () => {
  beforeAll(async () => {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run npm run build`);
    console.log(`fuzz seed ${SEED} (FUZZ_SEED to override), ${DOCS} documents (FUZZ_DOCS)`);
    await startServer();
  });

  afterAll(async () => {
    await session?.stop();
  });

  it('replays the saved regression inputs', async () => {
    const saved = existsSync(regressions) ? readdirSync(regressions).filter((f) => f.endsWith('.yaml')) : [];
    const inputs = saved.map((f) => ({ kind: `regression ${f}`, text: readFileSync(join(regressions, f), 'utf8') }));
    expect(await runAll(inputs, seededRandom(SEED), false)).toEqual([]);
  }, 120_000);

  it('survives generated and mutated documents with requests in between', async () => {
    const inputs = (function* () {
      for (let i = 0; i < DOCS; i++) yield fuzzDocument(SEED, i);
    })();
    const failures = await runAll(inputs, seededRandom(SEED), true);
    expect(failures).toEqual([]);
    expect(session.exit).toBeUndefined();
    expect(session.peakRssMiB()).toBeLessThan(MEMORY_LIMIT_MIB);
  }, 180_000);
});
