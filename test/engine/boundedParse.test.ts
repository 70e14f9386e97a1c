// The nesting limit in front of the YAML composer (server/src/engine/boundedParse.ts): a file nested deeper than
// MAX_NESTING is one clear error, never handed to a recursive walk (running out of stack there can abort V8);
// everything within the limit parses exactly as `parseAllDocuments` parses it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_NESTING, parseAllDocumentsBounded, valueTooDeep } from '../../server/src/engine/boundedParse';
import { UNREADABLE, validate } from '../../server/src/engine/validate';
import { reparse } from '../../server/src/engine/reparse';
import { PARSE_OPTIONS, YamlFile } from '../../server/src/engine/yamlFile';
import { embeddedYaml } from '../../server/src/engine/rules/embeddedYaml';
import { builtCli, type JsonOutput } from '../cli/runCli';

const HEAD = 'apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nmetadata:\n  name: demo\n  project: demo\nspec:\n  type: mks\n';
/** `config:` holding collections nested `depth` deep (config's value is the first; the document's and spec's maps are 2 more). */
const nested = {
  flow: (depth: number) => `  config: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`,
  flowMaps: (depth: number) => `  config: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`,
  blockMaps: (depth: number) => `  config:\n${Array.from({ length: depth }, (_, d) => `${' '.repeat(4 + d)}k${d}:`).join('\n')} end\n`,
  compactLists: (depth: number) => `  config:\n    nodes:\n      ${'- '.repeat(depth)}end\n`,
};
/** `anchors` anchors, each one's value the one before wrapped in `wraps` lists: the value nests anchors × wraps deep. */
const chain = (anchors: number, wraps: number) =>
  `  config:\n${Array.from({ length: anchors }, (_, i) => `    a${i}: &a${i} ${'['.repeat(wraps)}${i === 0 ? 'x' : `*a${i - 1}`}${']'.repeat(wraps)}`).join('\n')}\n`;
/** Depths far past the limit per style; deep block maps and `- - -` cost much more text or time per level. */
const FAR = { flow: [5_000, 20_000], flowMaps: [5_000, 20_000], blockMaps: [2_000], compactLists: [2_000, 6_000] };

const unreadable = (text: string) => validate(new YamlFile('file:///deep.yaml', text)).filter((f) => f.code === UNREADABLE);

describe('nesting limit', () => {
  it('a spec nested past the limit, in any style and far past it, is one error saying so, with nothing else checked', () => {
    for (const [style, body] of Object.entries(nested)) {
      for (const depth of [MAX_NESTING + 5, ...FAR[style as keyof typeof FAR]]) {
        const findings = validate(new YamlFile('file:///deep.yaml', HEAD + body(depth)));
        expect({ style, depth, findings: findings.map((f) => [f.code, f.severity, f.message]) }).toEqual({
          style,
          depth,
          findings: [[UNREADABLE, 'error', expect.stringMatching(new RegExp(`^The YAML parser gave up on this file \\(it nests collections more than ${MAX_NESTING} levels deep(, at line \\d+)?\\): nothing in it was checked\\.$`))]],
        });
      }
    }
  });

  it('says on which line the nesting goes too deep', () => {
    expect(unreadable(HEAD + nested.blockMaps(300)).map((f) => f.message)).toEqual([
      // spec (1), config (2), k0 … : the map of k{MAX_NESTING - 3} is the first one past the limit, on line 9 + that.
      `The YAML parser gave up on this file (it nests collections more than ${MAX_NESTING} levels deep, at line ${9 + MAX_NESTING - 2}): nothing in it was checked.`,
    ]);
  });

  it('a spec just within the limit is parsed and checked as usual', () => {
    // The document's map and spec's map are 2 levels; config's value is the first of the nested ones.
    for (const body of [nested.flow(MAX_NESTING - 2), nested.blockMaps(MAX_NESTING - 2)]) {
      const findings = validate(new YamlFile('file:///deep.yaml', HEAD + body));
      expect(findings.filter((f) => f.code === UNREADABLE || f.code.startsWith('yaml-'))).toEqual([]);
      expect(findings.length).toBeGreaterThan(0); // the schema check ran (no blueprint, config of the wrong shape)
    }
    expect(unreadable(HEAD + nested.flow(MAX_NESTING - 1))).toHaveLength(1);
  });

  it('a value nested past the limit through aliases is unreadable too; a few aliases are fine', () => {
    // Each anchor's text nests 40 deep, its value 40 more than the anchor before (`yaml` counts the aliases too).
    expect(unreadable(HEAD + chain(5, 40)).map((f) => f.message)).toEqual([
      `This document cannot be read (through its aliases, its value nests collections more than ${MAX_NESTING} levels deep): nothing in it was checked.`,
    ]);
    expect(unreadable(HEAD + chain(2, 40))).toEqual([]);
  });

  it('an edit that nests a deep map\'s item past the limit is refused as the whole text is (not spliced in)', () => {
    // config's value and its maps down to `k{depth-1}` nest 2 + depth deep; the last one has two keys, so an edit of
    // the first is a run the local re-parse could splice.
    const depth = MAX_NESTING - 12;
    const indent = (d: number) => ' '.repeat(4 + d);
    const keys = Array.from({ length: depth - 1 }, (_, d) => `${indent(d)}k${d}:`).join('\n');
    const before = `${HEAD}  config:\n${keys}\n${indent(depth - 1)}x: 1\n${indent(depth - 1)}y: 2\n`;
    const after = before.replace(`${indent(depth - 1)}x: 1\n`, `${indent(depth - 1)}x: ${'['.repeat(20)}1${']'.repeat(20)}\n`);
    expect(unreadable(before)).toEqual([]);
    expect(unreadable(after)).toHaveLength(1);
    const previous = new YamlFile('file:///deep.yaml', before);
    previous.composeNodes();
    expect(reparse(previous, after)).toBeUndefined();
    // Within the limit the same edit is spliced in.
    const shallow = new YamlFile('file:///deep.yaml', before);
    shallow.composeNodes();
    expect(reparse(shallow, after.replace(`${'['.repeat(20)}1${']'.repeat(20)}`, '[[1]]'))).toBeDefined();
  });

  it('YAML that is not an MKS spec is left alone however deep (a Blueprint, a Deployment)', () => {
    for (const head of ['apiVersion: infra.k8smgmt.io/v3\nkind: Blueprint\nspec:\n', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n']) {
      expect(validate(new YamlFile('file:///other.yaml', head + nested.flow(5_000)))).toEqual([]);
    }
  });

  it('YAML held in a string field is refused the same way, as that field\'s error', () => {
    const overrides = `    kubeletConfigurationOverrides: |\n      a: ${'['.repeat(3_000)}1${']'.repeat(3_000)}\n`;
    const text = `${HEAD}  config:\n    nodes:\n      - hostname: n1\n        operatingSystem: Ubuntu22.04\n        arch: amd64\n        privateIP: 10.0.0.1\n        roles: [ControlPlane, Worker]\n${overrides}`;
    const findings = validate(new YamlFile('file:///embedded.yaml', text)).filter((f) => f.code === embeddedYaml.id);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['error', `kubeletConfigurationOverrides could not be read (it nests collections more than ${MAX_NESTING} levels deep, at line 1), so it is not checked.`],
    ]);
  });
});

describe('parseAllDocumentsBounded within the limit', () => {
  const texts = [
    HEAD + nested.flow(20),
    'a: 1\n---\nb: [1, {c: d}]\n...\n',
    'a: &x {b: 1}\nc: *x\n',
    'a: [1, 2\nb: : c\n', // errors
    'a: 1\na: 2\n', // a duplicate key (uniqueKeys)
    '',
    '# only a comment\n',
  ];
  it('gives the documents, errors and ranges parseAllDocuments gives', () => {
    for (const text of texts) {
      const expected = parseAllDocuments(text, PARSE_OPTIONS);
      const { documents } = parseAllDocumentsBounded(text, PARSE_OPTIONS);
      const shape = (docs: readonly Document.Parsed[]) =>
        docs.map((d) => ({
          value: d.errors.length ? undefined : d.toJS(),
          range: d.range,
          errors: d.errors.map((e) => [e.code, e.pos, e.message]),
          warnings: d.warnings.map((e) => [e.code, e.pos]),
          contentsRange: d.contents?.range,
        }));
      expect(shape(documents!)).toEqual(shape(Array.isArray(expected) ? (expected as Document.Parsed[]) : []));
    }
  });

  it('valueTooDeep measures shared and circular values without recursion', () => {
    const shared = { x: [1] };
    expect(valueTooDeep({ a: shared, b: [shared, shared] })).toBe(false);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(valueTooDeep(cycle)).toBe(true);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueTooDeep(deep)).toBe(true);
  });
});

describe('the CLI on deep files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mks-deep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every file nested too deep and ends normally (exit 1), in one process, whatever the order of depths', () => {
    // Growing depths in one process: the order in which a plain `yaml` process aborts (its regular expressions
    // compiled, then one compiled again at the edge of the stack).
    const files: string[] = [];
    for (const [style, body] of Object.entries(nested)) {
      for (const depth of new Set([100, 300, 1_000, 2_000, ...FAR[style as keyof typeof FAR]])) {
        const file = `${style}-${depth}.yaml`;
        writeFileSync(path.join(dir, file), HEAD + body(depth));
        files.push(file);
      }
    }
    const run = spawnSync(process.execPath, [builtCli(), 'validate', '--format', 'json', ...files], { cwd: dir, encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const output = JSON.parse(run.stdout) as JsonOutput;
    const tooDeep = output.files.filter((f) => f.findings.some((finding) => finding.code === UNREADABLE)).map((f) => path.basename(f.path)).sort();
    expect(tooDeep).toEqual(files.filter((f) => Number(f.match(/-(\d+)\.yaml$/)![1]) > MAX_NESTING).sort());
  });
});
