// The CST path of the parse (server/src/engine/cstDocuments.ts): which texts it answers and which it hands to
// parseAllDocuments, the scalar resolution it relies on, and the migration still printing comments (the CST path
// keeps none). test/property/cstDocuments.property.test.ts compares both paths on random input.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Document, type ScalarTag } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterSpecYaml } from '../../bench/generateSpec';
import { NON_STRING_START } from '../../server/src/engine/cstDocuments';
import { validate } from '../../server/src/engine/validate';
import { PARSE_OPTIONS, YamlFile } from '../../server/src/engine/yamlFile';
import { fullyParsed, parseShape } from './parseShape';

const URI = 'file:///spec.yaml';
const examplesDir = join(__dirname, '..', '..', 'examples');
const SPEC = clusterSpecYaml({ nodes: 3, seed: 7 });

function expectSameAsFullParse(text: string): YamlFile {
  const file = new YamlFile(URI, text);
  const full = fullyParsed(URI, text);
  expect(JSON.stringify(parseShape(file))).toBe(JSON.stringify(parseShape(full)));
  expect(validate(file, { syntaxErrorsEverywhere: true })).toEqual(validate(full, { syntaxErrorsEverywhere: true }));
  expect(validate(file)).toEqual(validate(full));
  return file;
}

describe('CST path: what it answers', () => {
  it.each([
    ['a generated 1,000-node spec', clusterSpecYaml({ nodes: 1000 })],
    ['a faulty generated spec', clusterSpecYaml({ nodes: 20, fault: true })],
    ['comments everywhere and blank lines', `# head\n\n${SPEC.replace(/\n/g, ' # c\n').replace(/\n( +)(\w+:)/g, '\n$1# above\n\n$1$2')}`],
    ['quoted keys and values, escapes resolved by the package', 'apiVersion: "infra.k8smgmt.io/v3"\nkind: \'Cluster\'\n"metadata":\n  name: "a\\tb \\u263A"\n  \'project\': \'it\'\'s\'\n'],
    ['odd plain scalars resolved by the core schema', 'a: yes\nb: 0x1F\nc: .inf\nd: ~\ne: 2001-12-14\nf: 1_000\ng: 0o17\nh: -.5e3\ni: NULL\nj: False\nk: 012\n'],
    ['block scalars with indicators', 'a: |\n  line\n  more\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\nd: |2\n    indented\n'],
    ['multi-line plain and quoted scalars', 'a: first\n  continued\n\n  after a blank\nb: "one\n  two"\n'],
    ['documents with markers', `---\n${SPEC}...\n---\n${SPEC}--- # c\n${SPEC}`],
    ['CRLF line ends', SPEC.replace(/\n/g, '\r\n')],
    ['a sequence at the root', '- a\n- b: 1\n  c: [2]\n'.replace(' [2]', ' 2')],
  ])('%s', (_name, text) => {
    expect(expectSameAsFullParse(text).composedFromCst).toBe(true);
  });

  it("checks a spec on its values: the nodes are composed only when something reads them", () => {
    const valid = new YamlFile(URI, clusterSpecYaml({ nodes: 50 }));
    expect(validate(valid)).toEqual([]);
    expect(valid.composedNodes).toBe(0);
    // A finding needs its node's range: then (and only then) the nodes are composed.
    const faulty = new YamlFile(URI, clusterSpecYaml({ nodes: 50, fault: true }));
    expect(faulty.composedFromCst).toBe(true);
    expect(validate(faulty)).toHaveLength(1);
    expect(faulty.composedNodes).toBe(1);
    valid.composeNodes();
    expect(valid.composedNodes).toBe(1);
    expect(JSON.stringify(parseShape(valid))).toBe(JSON.stringify(parseShape(fullyParsed(URI, valid.text))));
  });

  it('every example spec without flow collections or anchors', () => {
    const names = readdirSync(examplesDir).filter((name) => /\.ya?ml$/.test(name));
    const fast = names.filter((name) => expectSameAsFullParse(readFileSync(join(examplesDir, name), 'utf8')).composedFromCst);
    expect(fast).toEqual(expect.arrayContaining(['cluster-seed.yaml', 'credentials.yaml']));
  });
});

describe('CST path: what it hands to parseAllDocuments', () => {
  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a local tag', 'a: !custom x\n'],
    ['a flow collection', 'a: [1, 2]\n'],
    ['a flow map', 'a: {b: 1}\n'],
    ['a %YAML directive', '%YAML 1.1\n---\na: yes\n'],
    ['a %TAG directive', '%TAG !e! tag:example.com,2000:\n---\na: 1\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a tab in indentation', 'a:\n\tb: 1\n'],
    ['a tab after the colon', 'a:\t1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['keys that become the same string', '1: a\n"1": b\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['an empty sequence item', 'a:\n  -\n  - b\n'],
    ['an empty document', '---\n---\na: 1\n'],
    ['a scalar document', '--- text\n'],
    ['a block scalar at the root', '--- |\n  text\n'],
    ['a merge key', 'a: 1\n<<: {b: 2}\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a multi-line key', '"a\n b": 1\n'],
    ['a key over 1024 characters', `${'k'.repeat(1025)}: 1\n`],
    ['a syntax error', 'a: "unterminated\n'],
    ['a bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['a comment without a space before it', 'a: "x"#c\n'],
    ['a bad escape', 'a: "\\q"\n'],
    ['a plain scalar starting with a reserved character', 'a: @x\n'],
    ['a nested compact mapping', 'a: b: c\n'],
    ['a stray document end', '...\na: 1\n'],
  ])('%s', (_name, text) => {
    expect(expectSameAsFullParse(text).composedFromCst).toBe(false);
  });
});

describe('CST path: scalar resolution', () => {
  const tags = (new Document(undefined, PARSE_OPTIONS).schema.tags as ScalarTag[]).filter((tag) => tag.default && tag.test);

  it("relies on the core schema's patterns as they are (a change of the yaml package must be looked at)", () => {
    expect(tags.map((tag) => [tag.tag, String(tag.test)])).toEqual([
      ['tag:yaml.org,2002:null', '/^(?:~|[Nn]ull|NULL)?$/'],
      ['tag:yaml.org,2002:bool', '/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/'],
      ['tag:yaml.org,2002:int', '/^0o[0-7]+$/'],
      ['tag:yaml.org,2002:int', '/^[-+]?[0-9]+$/'],
      ['tag:yaml.org,2002:int', '/^0x[0-9a-fA-F]+$/'],
      ['tag:yaml.org,2002:float', '/^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$/'],
      ['tag:yaml.org,2002:float', '/^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$/'],
      ['tag:yaml.org,2002:float', '/^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$/'],
    ]);
  });

  it('treats a plain scalar as a string without testing the patterns only where none of them can match', () => {
    const suffixes = ['', 'ull', 'rue', 'alse', '1', '0', 'x1F', 'o7', 'inf', 'nan', '.5', 'e3', 'ULL', 'RUE'];
    for (let code = 0x20; code < 0x3000; code++) {
      const first = String.fromCharCode(code);
      if (NON_STRING_START.includes(first)) continue;
      for (const suffix of suffixes) expect(tags.some((tag) => tag.test!.test(first + suffix)), first + suffix).toBe(false);
    }
  });
});

describe('CST path: what prints a document still sees the comments', () => {
  it('the migration of a 2021-format spec keeps its comments, as with the full parse', () => {
    const legacy = readFileSync(join(__dirname, '..', 'migrate', 'fixtures', 'legacy-2021.yaml'), 'utf8');
    const commented = legacy.replace(/\n/, '\n# a comment the migration must keep\n');
    const file = new YamlFile(URI, commented);
    expect(file.composedFromCst).toBe(true);
    const [finding] = validate(file);
    const [expected] = validate(fullyParsed(URI, commented));
    expect(finding).toEqual(expected);
    expect(JSON.stringify(finding.fixes)).toContain('a comment the migration must keep');
  });
});
