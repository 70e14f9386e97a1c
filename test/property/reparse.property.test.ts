// The re-parse of an edited part (server/src/engine/reparse.ts) against a full parse of the same text, over
// random edits of generated specs and of the examples: whenever it answers, every document, node position,
// line start, value and finding must be what parsing the whole text gives.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { describe, expect, it } from 'vitest';
import { nextTurn } from '../support/eventLoop';
import { clusterSpecYaml } from '../../bench/generateSpec';
import { reparse } from '../../server/src/engine/reparse';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261125);
const URI = 'file:///edited.yaml';
const examplesDir = join(__dirname, '..', '..', 'examples');
// The spec files only: examples/ci/ holds CI configurations (docs/ci.md).
const examples = readdirSync(examplesDir).filter((name) => /\.ya?ml$/.test(name)).map((name) => readFileSync(join(examplesDir, name), 'utf8'));

/** Everything a consumer reads from a parse, as plain data. */
function shape(file: YamlFile) {
  const nodes: unknown[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    const range = (node as { range?: number[] } | null)?.range;
    nodes.push([isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'scalar', range, isScalar(node) ? node.value : null]);
    if (isMap(node) || isSeq(node)) node.items.forEach(walk);
  };
  const documents = file.documents.map((d) => {
    walk(d.doc.contents);
    return { range: d.doc.range, errors: d.doc.errors.length, kind: d.kind, value: d.value };
  });
  return { documents, nodes, lineStarts: file.lineCounter.lineStarts, findings: validate(file) };
}

/** The edit and the first difference between two shapes, briefly. */
function mismatch(before: string, after: string, got: ReturnType<typeof shape>, want: ReturnType<typeof shape>): string {
  let at = 0;
  while (before[at] === after[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 120), at + 120));
  const node = got.nodes.findIndex((n, i) => JSON.stringify(n) !== JSON.stringify(want.nodes[i]));
  const first =
    node >= 0
      ? `node ${node}: got ${JSON.stringify(got.nodes[node])}, want ${JSON.stringify(want.nodes[node])}`
      : `documents/lines/findings: got ${JSON.stringify([got.documents, got.findings]).slice(0, 400)}, want ${JSON.stringify([want.documents, want.findings]).slice(0, 400)}`;
  return `edit at ${at}: ${around(before)} -> ${around(after)}; ${first}`;
}

/** Small edits anywhere: typed or deleted characters (YAML's own among them), lines or blocks copied, moved in or out. */
const edit = (text: string) => {
  const lines = text.split('\n');
  const lineEdit = (change: (line: string, other: string) => string) =>
    fc.tuple(fc.nat(lines.length - 1), fc.nat(lines.length - 1)).map(([at, from]) => {
      const next = [...lines];
      next[at] = change(next[at], lines[from]);
      return next.join('\n');
    });
  return fc.oneof(
    fc
      .tuple(fc.nat(text.length), fc.string({ unit: fc.constantFrom(...'ab1 :-#\n"\'|>[]{},&*!?%\t.'.split('')), minLength: 1, maxLength: 8 }))
      .map(([at, typed]) => text.slice(0, at) + typed + text.slice(at)),
    fc.tuple(fc.nat(text.length), fc.nat(40)).map(([at, length]) => text.slice(0, at) + text.slice(at + length)),
    lineEdit((_, other) => other),
    lineEdit((line, other) => `${line}\n${other}`),
    lineEdit((line) => `  ${line}`),
    lineEdit((line) => line.replace(/^ {1,2}/, '')),
    lineEdit((line) => line.replace(/: .*$/, ': changed')),
    fc.tuple(fc.nat(lines.length - 1), fc.nat(lines.length - 1), fc.integer({ min: 1, max: 15 })).map(([at, from, count]) => {
      const next = [...lines];
      next.splice(at, 0, ...lines.slice(from, from + count));
      return next.join('\n');
    }),
  );
};

const base = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat(1000)).map(([nodes, seed]) => clusterSpecYaml({ nodes, seed })),
  fc.constantFrom(...examples),
);

/** Texts, each an edit of the one before. */
const withEdits = (texts: fc.Arbitrary<string[]>, count: number): fc.Arbitrary<string[]> =>
  count === 0 ? texts : withEdits(texts.chain((all) => edit(all[all.length - 1]).map((next) => [...all, next])), count - 1);

/** A text and 1–4 successive edits of it. */
const editedTexts = fc.integer({ min: 1, max: 4 }).chain((count) => withEdits(base.map((text) => [text]), count));

describe('re-parse of an edit', () => {
  it('whenever it answers, it answers exactly what a full parse does', async () => {
    let local = 0;
    let total = 0;
    // Each run yields to the event loop, so the worker keeps answering vitest during the long test.
    await fc.assert(
      fc.asyncProperty(editedTexts, async (texts) => {
        await nextTurn();
        let file = new YamlFile(URI, texts[0]);
        for (const text of texts.slice(1)) {
          const expected = new YamlFile(URI, text);
          const reparsed = reparse(file, text);
          total++;
          if (reparsed) {
            local++;
            const [got, want] = [shape(reparsed), shape(expected)];
            // On a mismatch, say where (the whole texts would be too long to read).
            if (JSON.stringify(got) !== JSON.stringify(want)) expect(mismatch(file.text, text, got, want)).toBe('');
          }
          file = reparsed ?? expected;
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // Many random edits break the YAML (those are parsed in full), but the local path must be well exercised.
    expect(local / total).toBeGreaterThan(0.15);
  });

  it('parses only the edited item for a value typed into a large spec', () => {
    const text = clusterSpecYaml({ nodes: 200 });
    const edited = text.replace('pool: batch', 'pool: batch-2');
    expect(reparse(new YamlFile(URI, text), edited)).toBeDefined();
  });

  it('parses everything again where a run parsed alone could differ', () => {
    const spec = clusterSpecYaml({ nodes: 5 });
    const withAnchor = spec.replace('labels:', 'labels: &shared');
    const yaml11 = `%YAML 1.1\n---\n${spec}`;
    const cases: [string, string][] = [
      [withAnchor, withAnchor.replace('pool: batch', 'pool: batch-2')],
      [yaml11, yaml11.replace('pool: batch', 'pool: yes')],
      // A line moved left of its collection continues a scalar when parsed alone, but ends the map in place.
      [spec, spec.replace('        arch: amd64\n', '        arch: amd64\n      more\n')],
      [`${spec}  broken: [\n`, `${spec}  broken: [\n`.replace('pool: batch', 'pool: batch-2')],
    ];
    for (const [before, after] of cases) expect(reparse(new YamlFile(URI, before), after)).toBeUndefined();
  });
});
