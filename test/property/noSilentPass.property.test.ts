// No silent pass: an MKS spec the engine could not validate (the parser refused it for its aliases, its depth or
// its syntax, its value could not be read, or a rule or the schema check threw) always carries an error finding,
// so neither the CLI (exit 1) nor the editor shows it as clean. Unrelated YAML, however hostile, gets nothing.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clusterSpecYaml } from '../../bench/generateSpec';
import { sshSource } from '../../server/src/engine/rules/sshSource';
import { INTERNAL_ERROR, UNREADABLE, isValidated, validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261125);
const params = { seed: SEED, numRuns: 120 };

const HEAD = 'apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nmetadata: {name: demo, project: demo}\nspec:\n  type: mks\n';
const CREDENTIALS_HEAD = 'apiVersion: infra.k8smgmt.io/v3\nkind: Credentials\nmetadata: {name: c, project: demo}\nspec:\n  provider: mks\n';

/** A billion-laughs bomb of `levels` levels, `width` aliases each, as YAML lines at `indent`. */
const aliasBomb = (levels: number, width: number, indent: string) => {
  const lines = [`${indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let l = 1; l < levels; l++) lines.push(`${indent}l${l}: &l${l} [${Array(width).fill(`*l${l - 1}`).join(', ')}]`);
  return lines.join('\n');
};
const deepFlow = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const deepBlock = (depth: number, indent: number) => Array.from({ length: depth }, (_, d) => `${' '.repeat(indent + 2 * d)}k${d}:`).join('\n') + ' end';

/** Hostile tails for the part under `spec:` (after `type: mks`, so the document still says it is an MKS spec). */
const hostileBody = fc.oneof(
  fc.record({ levels: fc.integer({ min: 5, max: 12 }), width: fc.integer({ min: 5, max: 12 }) }).map(({ levels, width }) => `  bomb:\n${aliasBomb(levels, width, '    ')}\n`),
  fc.constantFrom('  config: *missing\n', '  config: {nodes: *nope}\n', '  config:\n    nodes: [*a]\n'),
  fc.integer({ min: 100, max: 5_000 }).map((depth) => `  config: ${deepFlow(depth)}\n`),
  fc.integer({ min: 100, max: 400 }).map((depth) => `  config:\n${deepBlock(depth, 4)}\n`),
  fc.constantFrom('  config:\n\tnodes: []\n', '  config: [\n', '  config: {a: 1\n', '  type: mks\n', '  config: "unterminated\n', '  config: !!binary x\n'),
  // A real spec's body with random characters thrown in.
  fc
    .record({ nodes: fc.integer({ min: 1, max: 8 }), seed: fc.nat(1000), cuts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'&*!|>{}[],#:-?%@`"\'\t\u0000\ufeff')), { maxLength: 12 }) })
    .map(({ nodes, seed, cuts }) => {
      let body = clusterSpecYaml({ nodes, seed }).split('\n  type: mks\n')[1] ?? '';
      for (const [at, ch] of cuts) {
        const i = at % (body.length + 1);
        body = body.slice(0, i) + ch + body.slice(i);
      }
      return body;
    }),
  // Any value at all under config.
  fc.jsonValue({ maxDepth: 6 }).map((value) => stringify({ config: value }).replace(/^/gm, '  ')),
);

/** Text around the spec: nothing, another document before it, a Credentials spec after it. */
const surroundings = fc.constantFrom(
  (spec: string) => spec,
  (spec: string) => `kind: Other\nvalue: 1\n---\n${spec}`,
  (spec: string) => `${spec}---\n${CREDENTIALS_HEAD}`,
);

const hostileMks = fc.tuple(hostileBody, surroundings).map(([body, around]) => around(HEAD + body));

const errorsOf = (text: string, syntaxErrorsEverywhere = false) =>
  validate(new YamlFile('file:///hostile.yaml', text), { syntaxErrorsEverywhere }).filter((f) => f.severity === 'error');

describe('no silent pass', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an alias bomb is an error on the document, not "0 errors" (CLI and editor alike)', () => {
    const text = `${HEAD}  config:\n${aliasBomb(9, 9, '    ')}\n`;
    const file = new YamlFile('file:///bomb.yaml', text);
    expect(file.documents[0].unreadable).toMatch(/Excessive alias count/);
    for (const everywhere of [false, true]) {
      const findings = validate(file, { syntaxErrorsEverywhere: everywhere });
      expect(findings).toEqual([
        {
          code: UNREADABLE,
          severity: 'error',
          message: 'This document cannot be read (Excessive alias count indicates a resource exhaustion attack): nothing in it was checked.',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 31 } },
        },
      ]);
    }
  });

  it('an alias to a missing anchor and a nesting too deep for the parser are errors too', () => {
    expect(errorsOf(`${HEAD}  config: *missing\n`).map((f) => f.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^yaml-/)]));
    expect(errorsOf(`${HEAD}  config: ${deepFlow(20_000)}\n`).length).toBeGreaterThan(0);
    expect(errorsOf(`${HEAD}  config:\n${deepBlock(1_000, 4)}\n`).length).toBeGreaterThan(0);
  });

  it('a Cluster whose spec line was deleted (everything now under metadata) is reported, not passed over', () => {
    const text = 'apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nmetadata:\n  name: demo\n  project: demo\n  type: mks\n  config: {nodes: []}\n';
    expect(errorsOf(text).map((f) => f.message)).toContain('Missing required key `spec` in the Cluster spec.');
  });

  it('no setting turns an unreadable document into a pass', () => {
    const file = new YamlFile('file:///bomb.yaml', `${HEAD}  config:\n${aliasBomb(9, 9, '    ')}\n`);
    const settings = { kubernetesVersions: [], operatingSystems: [], severity: { [UNREADABLE]: 'off' } } as never;
    expect(validate(file, { settings }).map((f) => f.severity)).toEqual(['error']);
  });

  it('a rule that throws is an error finding on the document (not a warning, not silence)', () => {
    vi.spyOn(sshSource, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    const findings = validate(new YamlFile('file:///c.yaml', `${HEAD}  config: {nodes: []}\n`)).filter((f) => f.code === INTERNAL_ERROR);
    expect(findings).toEqual([
      {
        code: INTERNAL_ERROR,
        severity: 'error',
        message: 'Internal error in rule ssh-source: boom. This document was not fully checked; please report it.',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 31 } },
      },
    ]);
  });

  it('property: a hostile MKS spec is either validated or carries an error', () => {
    fc.assert(
      fc.property(hostileMks, fc.boolean(), (text, everywhere) => {
        const file = new YamlFile('file:///hostile.yaml', text);
        const validated = file.documents.some(isValidated);
        const errors = validate(file, { syntaxErrorsEverywhere: everywhere }).filter((f) => f.severity === 'error');
        expect(validated || errors.length > 0).toBe(true);
        // Specifically: the Cluster document itself is validated or has an error inside it.
        const cluster = file.documents.find((d) => /^kind: Cluster$/m.test(text.slice(d.doc.range?.[0] ?? 0, d.doc.range?.[2])));
        if (cluster && !isValidated(cluster)) {
          const [start, , end] = cluster.doc.range ?? [0, 0, text.length];
          const first = file.position(start).line;
          const last = file.position(end).line;
          expect(errors.some((f) => f.range.start.line >= first && f.range.start.line <= last)).toBe(true);
        }
      }),
      params,
    );
  });

  it('property: unrelated YAML, however hostile, gets nothing in the editor', () => {
    const unrelatedHead = fc.constantFrom('apiVersion: apps/v1\nkind: Deployment\n', 'kind: Other\n', '', 'apiVersion: infra.k8smgmt.io/v3\nkind: Blueprint\n');
    const body = hostileBody.map((b) => b.replace(/^ {2}/gm, ''));
    fc.assert(
      fc.property(unrelatedHead, body, (head, rest) => {
        expect(validate(new YamlFile('file:///other.yaml', head + rest))).toEqual([]);
      }),
      params,
    );
  });
});
