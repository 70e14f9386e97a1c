// The CST path of the parse (server/src/engine/cstDocuments.ts) against parseAllDocuments, the old path: for
// generated specs, hostile YAML (aliases, tags, odd scalars, block scalars with indicators, quoted escapes, CRLF,
// BOM, tabs, comments everywhere, duplicate keys, empty documents, `---`/`...`, flow collections), random damage
// and the fuzz test's documents, every node (class, range, value, scalar type, source, format, flags), every
// document (range, errors, warnings, markers, kind, value), the line starts and the findings of the engine
// (rule, severity, message, range, fixes; CLI and editor settings) must be what the old path gives. Where the CST
// path does not model the input it hands it to parseAllDocuments; the test also checks it is taken often enough
// to mean something.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nextTurn } from '../support/eventLoop';
import { clusterSpecYaml } from '../../bench/generateSpec';
import { validate } from '../../server/src/engine/validate';
import { parseAllDocumentsBounded } from '../../server/src/engine/boundedParse';
import { PARSE_OPTIONS, YamlFile } from '../../server/src/engine/yamlFile';
import { fuzzDocument } from '../fuzz/documents';
import { fullyParsed, parseShape } from '../engine/parseShape';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261125);
const URI = 'file:///cst.yaml';

/** Compares both paths on one text; returns whether the CST path answered (rather than handing over). */
function sameAsFullParse(text: string): boolean {
  if (parseAllDocumentsBounded(text, PARSE_OPTIONS).tooDeep !== undefined) {
    // Nested past the limit: neither path composes it (running out of stack there can abort the process); the
    // file says why, and the CST path handed it over.
    const file = new YamlFile(URI, text);
    expect(file.composedFromCst).toBe(false);
    expect(file.failure).toMatch(/^it nests collections more than \d+ levels deep/);
    return false;
  }
  const full = fullyParsed(URI, text);
  // Findings first, on fresh files: a CST document answers ranges from its CST until something composes its nodes.
  for (const syntaxErrorsEverywhere of [false, true]) {
    expect(validate(new YamlFile(URI, text), { syntaxErrorsEverywhere })).toEqual(validate(full, { syntaxErrorsEverywhere }));
  }
  const file = new YamlFile(URI, text);
  const [got, want] = [JSON.stringify(parseShape(file)), JSON.stringify(parseShape(full))];
  if (got !== want) {
    let at = 0;
    while (got[at] === want[at]) at++;
    expect(`${JSON.stringify(text.slice(0, 300))}: ${got.slice(Math.max(0, at - 150), at + 150)}`).toBe(`${JSON.stringify(text.slice(0, 300))}: ${want.slice(Math.max(0, at - 150), at + 150)}`);
  }
  return file.composedFromCst;
}

/** Every path into a value, and each with a segment that is not there. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const missing = [...prefix, 'missing'];
  if (Array.isArray(value)) return [prefix, missing, [...prefix, value.length], ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [prefix, missing, [...prefix, 0], ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix, missing];
}

// ---- hostile YAML, built from a random tree with random styles ----

const ODD_SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', '0x1F', '0X1F', '0o17', '017', '0b101', '.inf', '-.inf', '+.INF', '.nan', '.NaN', '~',
  'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', '2001-12-14t21:59:43.10-05:00',
  '2002-12-14', '1_000', '1,000', '1e3', '1E-3', '-0', '+0', '-0.0', '+12', '012', '0.5', '.5', '1.', '12:30', '12:30:00',
  '99999999999999999999', '0x', '0o', '1.2.3', 'a b', 'a#b', 'x:y', '-x', '?x', ':x', 'it\'s', 'a  b', 'é', '日本',
  '@x', '`x', '%x', ', x', '| x', '> x', 'v1.34.2', '10.0.0.1', '10%', '"', "'", 'a:', 'a :b', '- a',
  // Multi-line plain scalars, a value on the line after its key, extra spaces.
  'first\ncontinued', 'a\n\nb', '\nnext line', '\n\nafter a blank line', '\n# comment\nvalue', '   spaced', 'trailing   ',
];
const QUOTED = [
  '"a\\tb"', '"\\u263A"', '"\\x41"', '"\\q"', '"\\"quoted\\""', '"tab\there"', "'it''s'", "''", '""', '"a  b "', "'a  b '",
  '"multi\n  line"', "'multi\n\n  line'", '"unterminated', "'unterminated", '"a"#c', '"a" #c', "'x'y", '"\\\n  x"', '"a\\\r\n  b"',
  '"trailing \\t"', '"\\0\\a\\b\\e\\f\\n\\r\\v\\N\\_\\L\\P"',
];
const BLOCK_HEADERS = ['|', '|-', '|+', '>', '>-', '>+', '|2', '|1-', '>+2', '|#c', '| # c', '|x', '>-3'];
const PROPS = ['&a ', '&b ', '!!str ', '!!int ', '!custom ', '! ', '&a !!str ', '!<tag:yaml.org,2002:str> ', '&x: '];
const ALIASES = ['*a', '*b', '*nothing', '*a:'];
const FLOW = ['[]', '{}', '[1, 2]', '{a: 1, b: [x, y]}', '[a, # c\n b]', '{a: 1, a: 2}', '[a, b', '{ ? x : y }', '[*a]'];
const KEYS = ['name', 'arch', 'a', 'b', 'nodes', '"quoted key"', "'single'", '1', '1.0', 'true', 'null', '~', '<<', '__proto__', 'x y', 'k:v', '? q', '"multi\n line"', '[k]', '{k: v}', ''];
const COMMENTS = ['# c', '#c', '#', '# ---', '# key: value'];

type Tree = { kind: 'map'; entries: [string, Tree][] } | { kind: 'seq'; items: Tree[] } | { kind: 'leaf'; text: string } | { kind: 'block'; header: string; lines: string[] };

const leaf = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'ab1 -_./:'), minLength: 1, maxLength: 6 }).map((s) => s.trim() || 'x') },
  { weight: 2, arbitrary: fc.constantFrom(...QUOTED) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROPS), fc.constantFrom(...ODD_SCALARS)).map(([p, s]) => p + s) },
  { weight: 1, arbitrary: fc.constantFrom(...ALIASES, ...FLOW, '') },
).map((text): Tree => ({ kind: 'leaf', text }));
const block = fc
  .tuple(fc.constantFrom(...BLOCK_HEADERS), fc.array(fc.constantFrom('text', '  indented', '', ' ', 'x: y', '# not a comment', '\ttab', '...', '---'), { minLength: 0, maxLength: 4 }))
  .map(([header, lines]): Tree => ({ kind: 'block', header, lines }));

const { tree } = fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, leaf, block, tie('map'), tie('seq')),
  map: fc
    .array(fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('name', 'arch', 'nodes', 'a', 'b', 'c', 'hostname', 'roles') }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) }), tie('tree')), { minLength: 1, maxLength: 5 })
    .map((entries): Tree => ({ kind: 'map', entries })),
  seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((items): Tree => ({ kind: 'seq', items })),
}));

/** Per-line decorations: a trailing comment, a comment line or blank line before, odd indentation. */
const style = fc.record({
  indent: fc.constantFrom(2, 2, 2, 4, 1),
  trailing: fc.array(fc.constantFrom(...COMMENTS), { maxLength: 3 }),
  between: fc.array(fc.constantFrom('', '# note', '  # indented note', '#', '   '), { maxLength: 3 }),
  seqIndented: fc.boolean(),
});

interface Style {
  indent: number;
  trailing: string[];
  between: string[];
  seqIndented: boolean;
}

function render(node: Tree, indent: number, s: Style, pick: () => number): string[] {
  const pad = ' '.repeat(indent);
  const decorate = (line: string) => {
    const r = pick();
    return r < 0.15 && s.trailing.length ? `${line} ${s.trailing[Math.floor(r * 100) % s.trailing.length]}` : line;
  };
  const before = () => {
    const r = pick();
    return r < 0.15 && s.between.length ? [s.between[Math.floor(r * 100) % s.between.length]] : [];
  };
  const inline = (child: Tree, head: string, childIndent: number): string[] => {
    if (child.kind === 'leaf') {
      const [first, ...rest] = child.text.split('\n');
      return [decorate(`${head} ${first}`.replace(/ $/, '')), ...rest.map((l) => `${' '.repeat(childIndent)}${l}`)];
    }
    if (child.kind === 'block') return [`${head} ${child.header}`, ...child.lines.map((l) => (l === '' ? '' : `${' '.repeat(childIndent)}${l}`))];
    return [decorate(head), ...render(child, childIndent, s, pick)];
  };
  if (node.kind === 'map') {
    return node.entries.flatMap(([key, child]) => [...before(), ...inline(child, `${pad}${key}:`, indent + s.indent)]);
  }
  if (node.kind === 'seq') {
    const at = s.seqIndented ? indent : Math.max(0, indent - s.indent);
    return node.items.flatMap((child) => {
      if (child.kind === 'map' && pick() < 0.6) {
        // A compact map in the item (`- key: value`), the common form in specs.
        const lines = render(child, at + 2, s, pick);
        return [...before(), `${' '.repeat(at)}- ${lines[0].trimStart()}`, ...lines.slice(1)];
      }
      return [...before(), ...inline(child, `${' '.repeat(at)}-`, at + 2)];
    });
  }
  return inline(node, pad.slice(0, -1) || '', indent);
}

/** Whole-text changes: line endings, BOM, tabs, markers, a duplicated line, an empty document. */
const TEXT_CHANGES: ((text: string) => string)[] = [
  (t) => t,
  (t) => t,
  (t) => t,
  (t) => t.replace(/\n/g, '\r\n'),
  (t) => `\ufeff${t}`,
  (t) => t.replace(/\n {2}/, '\n\t'),
  (t) => t.replace(/: /, ':\t'),
  (t) => `---\n${t}`,
  (t) => `--- # first\n${t}...\n`,
  (t) => `${t}---\n${t}`,
  (t) => `${t}...\n---\n${t}`,
  (t) => `---\n---\n${t}`,
  (t) => `${t}---\n`,
  (t) => `%YAML 1.2\n---\n${t}`,
  (t) => `%YAML 1.1\n---\n${t}`,
  (t) => `%TAG !e! tag:example.com,2000:\n---\n${t}`,
  (t) => `# header comment\n\n${t}`,
  (t) => `${t}\n\n# trailing comment\n`,
  (t) => `${t}...\n# after the end\n`,
  (t) => `${t}... # c\n`,
  (t) => `${t}...#c\n`,
  (t) => t.replace(/^(.*)$/m, '$1\n$1'),
  (t) => t.replace(/\n$/, ''),
  () => `--- |\n  root block\n`,
  (t) => `--- text\n${t}`,
  (t) => `---${t}`,
  (t) => `\n\n${t}`,
  (t) => `   ${t}`,
];

const hostile = fc
  .tuple(fc.oneof(tree.filter((t) => t.kind === 'map'), tree), style, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }), fc.nat(TEXT_CHANGES.length - 1))
  .map(([root, s, randoms, change]) => {
    let i = 0;
    const pick = () => randoms[i++ % randoms.length];
    const body = render(root, 0, s, pick).join('\n') + '\n';
    return TEXT_CHANGES[change](body);
  });

/** A hostile tree under an MKS head, so the engine validates it (schema and rules) rather than leaving it alone. */
const HEAD = 'apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nmetadata:\n  name: demo\n  project: demo\nspec:\n  type: mks\n  config:\n';
const hostileMks = fc
  .tuple(tree.filter((t) => t.kind === 'map'), style, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }))
  .map(([root, s, randoms]) => {
    let i = 0;
    const pick = () => randoms[i++ % randoms.length];
    return HEAD + render(root, 4, s, pick).join('\n') + '\n';
  });

/** A generated spec with random characters thrown in (YAML's own among them). */
const damagedSpec = fc
  .record({
    nodes: fc.integer({ min: 1, max: 6 }),
    seed: fc.nat(1000),
    cuts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'&*!|>{}[],#:-?%@`"\'\t\r\n \u0000\ufeff.~0x')), { minLength: 1, maxLength: 8 }),
  })
  .map(({ nodes, seed, cuts }) => {
    let text = clusterSpecYaml({ nodes, seed, fault: seed % 3 === 0 });
    for (const [at, ch] of cuts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + ch + text.slice(i);
    }
    return text;
  });

// Run counts keep each test to a few seconds on a quiet machine; each run yields to the event loop (nextTurn) so the
// worker keeps answering vitest while the test runs.
describe('the CST path of the parse against parseAllDocuments', () => {
  // The old path warns on stderr for every map key that is a collection ("Keys with collection values will be
  // stringified"); thousands of those would bury the test's output.
  beforeAll(() => void vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it('generated specs (valid and faulty) take the CST path and parse exactly as before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.nat(10_000), fc.boolean(), async (nodes, seed, fault) => {
        await nextTurn();
        expect(sameAsFullParse(clusterSpecYaml({ nodes, seed, fault }))).toBe(true);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it("a finding's range read from the CST is the one the composed nodes give, for every path (present or not)", async () => {
    const texts = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat(1000)).map(([nodes, seed]) => clusterSpecYaml({ nodes, seed })),
      hostile,
    );
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        await nextTurn();
        const file = new YamlFile(URI, text);
        if (!file.composedFromCst) return;
        for (const document of file.documents) {
          const paths = pathsOf(document.value);
          const fromCst = paths.flatMap((path) => [file.rangeAt(document, path, 'value'), file.rangeAt(document, path, 'key')]);
          expect(file.composedNodes).toBe(0);
          const composed = fullyParsed(URI, text);
          const fromNodes = paths.flatMap((path) => [composed.rangeAt(composed.documents[document.index], path, 'value'), composed.rangeAt(composed.documents[document.index], path, 'key')]);
          expect(fromCst).toEqual(fromNodes);
          checked += paths.length;
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(2500);
  });

  it('hostile YAML: the same nodes, values, errors and findings, whichever path answers', async () => {
    let fast = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        await nextTurn();
        total++;
        if (sameAsFullParse(text)) fast++;
      }),
      { seed: SEED, numRuns: 1500 },
    );
    // Most hostile inputs hold something not modelled, but the CST path must still answer a fair share.
    expect(fast / total).toBeGreaterThan(0.05);
    expect(fast).toBeLessThan(total);
  });

  it('hostile values inside an MKS spec: the same schema and rule findings', async () => {
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(hostileMks, async (text) => {
        await nextTurn();
        if (sameAsFullParse(text)) fast++;
      }),
      { seed: SEED, numRuns: 800 },
    );
    expect(fast).toBeGreaterThan(50);
  });

  it('damaged specs: the same, errors included', async () => {
    await fc.assert(
      fc.asyncProperty(damagedSpec, async (text) => {
        await nextTurn();
        sameAsFullParse(text);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("the fuzz test's documents", () => {
    for (let index = 0; index < 60; index++) {
      const { text } = fuzzDocument(SEED, index);
      if (text.length < 200_000) sameAsFullParse(text);
    }
  });
});
