// The built language server over stdio, fed thousands of generated and broken documents with completion,
// hover, symbol and code-action requests in between: it must not crash, must answer every request (no answer in
// 10 s is a hang; how fast it answers is the bench's business, the slowest answer is only reported), keep its
// memory bounded, and never pass an MKS spec it could not validate without an error. An input that fails is saved in test/fuzz/regressions/ and
// replayed first on every run. FUZZ_SEED, FUZZ_DOCS and FUZZ_BUDGET_S override the seed, the number of
// inputs and the time budget.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession, type PublishedDiagnostics } from '../../bench/lspSession';
import { isValidated } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { fuzzDocument, fuzzPosition, seededRandom, type FuzzDocument } from './documents';

const root = resolve(__dirname, '..', '..');
const serverPath = join(root, 'dist', 'server.js');
const regressions = join(__dirname, 'regressions');
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const DOCS = Number(process.env.FUZZ_DOCS ?? 3000);
/** No answer at all within this long counts as unanswered (rather than merely slow). */
const UNANSWERED_MS = 10_000;
const MEMORY_LIMIT_MIB = 1_024;
/** Generated inputs stop after this long (the seed's sequence is fixed, so a run covers a prefix of it). */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_S ?? 40) * 1_000;
const stats = { documents: 0, requests: 0, slowest: 0 };
const URI_POOL = 64;
/** Document versions only ever grow, also across a close and reopen of the same URI. */
let versions = 0;

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
    stats.slowest = Math.max(stats.slowest, elapsed);
    if (outcome === 'unanswered') return `${method} unanswered after ${UNANSWERED_MS} ms`;
    if (outcome !== 'answered') return `${method} ${outcome}`;
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

const METHODS = ['textDocument/completion', 'textDocument/hover', 'textDocument/documentSymbol', 'textDocument/codeAction'];

/** Request parameters of `method` at a random place of `text`. */
function paramsFor(method: string, uri: string, text: string, random: () => number): unknown {
  const textDocument = { uri };
  const position = fuzzPosition(text, random);
  if (method === 'textDocument/documentSymbol') return { textDocument };
  if (method === 'textDocument/codeAction') {
    const range = { start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } };
    return { textDocument, range, context: { diagnostics: session.latestDiagnostics(uri)?.diagnostics ?? [] } };
  }
  return { textDocument, position };
}

/**
 * Opens the document, sends two requests at once, types one key into it (re-parsed locally where the document
 * allows), asks again, replaces its text with another input, asks once more, closes it.
 */
async function exercise(input: FuzzDocument, index: number, random: () => number): Promise<string | undefined> {
  // A pool of names, as an editor reopens the same files. (yaml-language-server, inside our server,
  // keeps a parse of every URI it has ever seen, so endless fresh names grow memory without bound.)
  const uri = `file:///fuzz/doc-${index % URI_POOL}.yaml`;
  const version = (versions += 3);
  const request = (text: string) => {
    const method = METHODS[Math.floor(random() * METHODS.length)];
    stats.requests++;
    return timedRequest(method, paramsFor(method, uri, text, random));
  };
  const opened = session.nextDiagnostics(uri, (p) => p.version === version - 2, UNANSWERED_MS).catch(() => undefined);
  await session.open(uri, input.text, version - 2);
  const outcomes = await Promise.all([request(input.text), request(input.text)]);
  outcomes.push(silentPass(input.text, await opened));
  const typed = typeOneKey(input.text, random);
  await session.change(uri, typed, version - 1);
  outcomes.push(await request(typed));
  const edited = fuzzDocument(SEED + 1, index).text;
  await session.change(uri, edited, version);
  outcomes.push(await request(edited));
  await session.close(uri);
  stats.documents += 2;
  if (session.exit) return `server exited (${JSON.stringify(session.exit)}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
  return outcomes.find((o) => o !== undefined);
}

/** The head lines that make a text an MKS Cluster spec (the generator writes them so; mutations may break them). */
const CLAIMS_MKS = [/^apiVersion: infra\.k8smgmt\.io\/v3$/m, /^kind: Cluster$/m, /^  type: mks$/m];

/**
 * No silent pass: a text that still says it is an MKS spec but of which no document could be validated (the
 * engine's own parse says which are) must have got an error diagnostic from the server.
 */
function silentPass(text: string, published: PublishedDiagnostics | undefined): string | undefined {
  if (!published) return `no diagnostics published within ${UNANSWERED_MS} ms of the open`;
  if (!CLAIMS_MKS.every((re) => re.test(text))) return undefined;
  if (new YamlFile('file:///fuzz.yaml', text).documents.some(isValidated)) return undefined;
  return published.diagnostics.some((d) => d.severity === 1) ? undefined : 'an MKS spec that could not be validated got no error (silent pass)';
}

/** The text with one character typed or deleted at a random place, YAML's own characters among them. */
function typeOneKey(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  if (random() < 0.3) return text.slice(0, at) + text.slice(at + 1);
  const keys = 'a1 :-#\n"|>[]&*';
  return text.slice(0, at) + keys[Math.floor(random() * keys.length)] + text.slice(at);
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
    const deadline = performance.now() + BUDGET_MS;
    const inputs = (function* () {
      for (let i = 0; i < DOCS && performance.now() < deadline; i++) yield fuzzDocument(SEED, i);
    })();
    const failures = await runAll(inputs, seededRandom(SEED), true);
    console.log(
      `fed ${stats.documents} documents (opens and full edits, a typed key between them), ${stats.requests} requests; slowest answer ${Math.round(stats.slowest)} ms; peak RSS ${Math.round(session.peakRssMiB())} MiB`,
    );
    expect(failures).toEqual([]);
    expect(session.exit).toBeUndefined();
    expect(session.peakRssMiB()).toBeLessThan(MEMORY_LIMIT_MIB);
  }, 180_000);
});
