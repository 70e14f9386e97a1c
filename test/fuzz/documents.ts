// Fuzz inputs: realistic MKS specs, then broken in the ways editors and people break YAML (deleted lines,
// swapped types, random bytes, huge scalars, deep nesting, anchors and alias bombs, many documents).
// Everything derives from one seeded PRNG, so a seed reproduces a run exactly.
import { clusterSpecYaml, seededRandom } from '../../bench/generateSpec';

export interface FuzzDocument {
  kind: string;
  text: string;
}

type Random = () => number;

/**
 * Inputs stay under this size (a 2,000-node spec is about 800 KB): the 1 s answer limit is for files
 * people edit; bigger files are the benchmark's business (bench/lsp.ts), not the fuzzer's.
 */
const MAX_CHARS = 300_000;
type Mutation = (text: string, random: Random) => string;

const int = (random: Random, max: number) => Math.floor(random() * max);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

const lines = (text: string) => text.split('\n');

const deleteLines: Mutation = (text, random) => {
  const all = lines(text);
  for (let n = 1 + int(random, 5); n > 0 && all.length > 1; n--) all.splice(int(random, all.length), 1);
  return all.join('\n');
};

const SWAPS = ['{a: 1, b: [x]}', '[1, 2, 3]', '42', '-1.5e300', 'true', 'null', '~', '""', "'str'", '0x1F', '.nan', '[]', '{}', '!!binary aGVsbG8='];
/** Replaces the value of a random `key: value` line with a value of another type. */
const swapTypes: Mutation = (text, random) => {
  const all = lines(text);
  const candidates = all.flatMap((l, i) => (/^\s*(- )?[\w.\/-]+: \S/.test(l) ? [i] : []));
  for (let n = 1 + int(random, 4); n > 0 && candidates.length; n--) {
    const i = pick(random, candidates);
    all[i] = all[i].replace(/: .*$/, `: ${pick(random, SWAPS)}`);
  }
  return all.join('\n');
};

const ODD_CHARS = ['\u0000', '\t', '\r', '\ufeff', '\ud800', '\u2028', '"', "'", '&', '*', '!', '%', '@', '`', '|', '>', '{', '}', '[', ']', ',', '#', ':', '-', '?', '\\', '\u00e9', '\u{1F600}'];
const randomBytes: Mutation = (text, random) => {
  let out = text;
  for (let n = 1 + int(random, 20); n > 0; n--) {
    const at = int(random, out.length + 1);
    const insert = random() < 0.5 ? pick(random, ODD_CHARS) : String.fromCharCode(int(random, 0x3000));
    out = out.slice(0, at) + insert + out.slice(at + (random() < 0.3 ? 1 : 0));
  }
  return out;
};

const hugeScalar: Mutation = (text, random) => {
  if (text.length > MAX_CHARS / 2) return text;
  const all = lines(text);
  const candidates = all.flatMap((l, i) => (/: \S/.test(l) ? [i] : []));
  if (!candidates.length) return text;
  const i = pick(random, candidates);
  const size = 20_000 + int(random, 100_000);
  const value = pick(random, [() => 'x'.repeat(size), () => '9'.repeat(size / 10), () => `"${'\\u00e9'.repeat(size / 6)}"`, () => `|\n${' '.repeat(12)}${'y'.repeat(size)}`])();
  all[i] = all[i].replace(/: .*$/, `: ${value}`);
  return all.join('\n');
};

const deepNesting: Mutation = (text, random) => {
  const depth = 200 + int(random, 2_000);
  const flow = random() < 0.5;
  const nested = flow ? `deep: ${'['.repeat(depth)}1${']'.repeat(depth)}` : Array.from({ length: Math.min(depth, 400) }, (_, d) => `${'  '.repeat(d)}k${d}:`).join('\n') + ' end';
  return random() < 0.5 ? `${text}\n${nested}\n` : `${nested}\n---\n${text}`;
};

/** Anchors on real nodes (aliased copies of a node), a billion-laughs bomb, and aliases to missing anchors. */
const anchorsAndAliases: Mutation = (text, random) => {
  const all = lines(text);
  const choice = int(random, 3);
  if (choice === 0) {
    const first = all.findIndex((l) => l === '      - hostname: cp-1');
    if (first < 0) return text;
    all[first] = '      - &node\n        hostname: cp-1';
    const next = all.findIndex((l, i) => i > first && /^ {6}- hostname:/.test(l));
    all.splice(next < 0 ? first + 1 : next, 0, ...Array(1 + int(random, 5)).fill('      - *node'));
    return all.join('\n');
  }
  if (choice === 1) {
    const levels = 6 + int(random, 5);
    const bomb = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let l = 1; l < levels; l++) bomb.push(`a${l}: &a${l} [${Array(9).fill(`*a${l - 1}`).join(', ')}]`);
    const kind = all.indexOf('kind: Cluster');
    all.splice(kind + 1, 0, ...bomb);
    return all.join('\n');
  }
  return text.replace(/ (amd64|Calico|mks)$/m, ' *missing') + '\nextra: &dup 1\nagain: &dup 2\nref: *dup\n';
};

const manyDocuments: Mutation = (text, random) => {
  const count = 2 + int(random, Math.min(60, MAX_CHARS / text.length));
  const docs = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? text : i % 3 === 1 ? 'kind: Other\nvalue: 1' : ''));
  return docs.join('\n---\n');
};

const truncate: Mutation = (text, random) => text.slice(0, int(random, text.length));

const reindent: Mutation = (text, random) =>
  lines(text)
    .map((l) => (random() < 0.05 ? (random() < 0.5 ? ` ${l}` : l.replace(/^ {1,3}/, '')) : l))
    .join('\n');

const duplicateKeys: Mutation = (text) => text.replace(/^(\s+)(hostname: .*)$/m, '$1$2\n$1$2');

const mutations: Record<string, Mutation> = {
  deleteLines,
  swapTypes,
  randomBytes,
  hugeScalar,
  deepNesting,
  anchorsAndAliases,
  manyDocuments,
  truncate,
  reindent,
  duplicateKeys,
};
const weights: [string, number][] = [
  ['deleteLines', 14],
  ['swapTypes', 18],
  ['randomBytes', 16],
  ['hugeScalar', 3],
  ['deepNesting', 4],
  ['anchorsAndAliases', 8],
  ['manyDocuments', 4],
  ['truncate', 10],
  ['reindent', 10],
  ['duplicateKeys', 5],
];

/** The `index`-th fuzz document of a run: a generated spec with 0 to 3 mutations stacked. */
export function fuzzDocument(seed: number, index: number): FuzzDocument {
  const random = seededRandom(seed * 1_000_003 + index);
  let text = clusterSpecYaml({ nodes: 1 + int(random, 25), seed: index, fault: random() < 0.1 });
  const applied: string[] = [];
  for (let n = int(random, 4); n > 0; n--) {
    const name = weighted(random);
    text = mutations[name](text, random);
    applied.push(name);
  }
  return { kind: applied.join('+') || 'generated', text };
}

function weighted(random: Random): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [name, w] of weights) if ((r -= w) < 0) return name;
  return weights[0][0];
}

/** A position anywhere in the text, sometimes past its end (clients do send those). */
export function fuzzPosition(text: string, random: Random): { line: number; character: number } {
  const all = lines(text);
  const line = random() < 0.05 ? all.length + int(random, 10) : int(random, all.length);
  const width = all[line]?.length ?? 0;
  return { line, character: random() < 0.05 ? width + int(random, 100) : int(random, width + 1) };
}

export { seededRandom };
