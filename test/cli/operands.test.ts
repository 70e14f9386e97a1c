// Which files `validate` checks: named files, directories (recursively, YAML only, never node_modules or .git), globs;
// symbolic links are followed, and a file reached twice is checked once.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runJson } from './runCli';

const brokenYaml = 'key: [unclosed\n';
let tree: string;

// Built at run time: git would not keep a nested .git or node_modules folder as a fixture.
beforeAll(() => {
  tree = mkdtempSync(path.join(tmpdir(), 'mks-cli-operands-'));
  const files: Record<string, string> = {
    'top.yaml': brokenYaml,
    'nested/deeper/inner.yml': brokenYaml,
    'nested/notes.txt': brokenYaml,
    'nested/spec.json': brokenYaml,
    'node_modules/pkg/ignored.yaml': brokenYaml,
    '.git/ignored.yaml': brokenYaml,
    'other/clean.yaml': 'kind: ConfigMap\n',
    'empty-dir/README.md': '# nothing to see\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tree, name)), { recursive: true });
    writeFileSync(path.join(tree, name), text);
  }
  // A link to a file and a link that loops back up the tree: each file must still be checked once.
  symlinkSync('top.yaml', path.join(tree, 'alias.yaml'));
  symlinkSync('../..', path.join(tree, 'nested/deeper/up'));
});

afterAll(() => rmSync(tree, { recursive: true, force: true }));

const pathsChecked = (args: string[]) => runJson(['validate', ...args], tree).output.files.map((f) => f.path);

describe('operands', () => {
  it('a directory: every *.yaml and *.yml below it, but nothing in node_modules or .git', () => {
    expect(pathsChecked(['.'])).toEqual(['nested/deeper/inner.yml', 'other/clean.yaml', 'top.yaml']);
  });

  it('no operand: the current directory', () => {
    expect(pathsChecked([])).toEqual(['nested/deeper/inner.yml', 'other/clean.yaml', 'top.yaml']);
  });

  it('a named file, whatever its extension', () => {
    const { status, output } = runJson(['validate', 'nested/notes.txt'], tree);
    expect(output.files.map((f) => f.path)).toEqual(['nested/notes.txt']);
    expect(output.files[0].findings.map((f) => f.code)).toContain('yaml-syntax');
    expect(status).toBe(1);
  });

  it('a glob, expanded by the CLI (quoted from the shell)', () => {
    expect(pathsChecked(['**/*.yml'])).toEqual(['nested/deeper/inner.yml']);
    expect(pathsChecked(['{top,other/clean}.yaml'])).toEqual(['other/clean.yaml', 'top.yaml']);
  });

  it('a glob never reaches into node_modules or .git', () => {
    const run = runCli(['validate', '**/ignored.yaml'], tree);
    expect(run.stderr).toMatch(/no files match \*\*\/ignored\.yaml/);
    expect(run.status).toBe(2);
  });

  it('the same file reached twice is checked once, under its own path', () => {
    expect(pathsChecked(['top.yaml', './top.yaml', 'alias.yaml'])).toEqual(['top.yaml']);
    expect(pathsChecked(['alias.yaml'])).toEqual(['alias.yaml']);
  });

  it('a directory without YAML files is an input error, not a silent pass', () => {
    const run = runCli(['validate', 'empty-dir'], tree);
    expect(run.stderr).toMatch(/no YAML files found in empty-dir/);
    expect(run.status).toBe(2);
  });

  it('a directory given from elsewhere: paths are shown relative to the working directory', () => {
    const { output } = runJson(['validate', path.join(tree, 'other')], path.join(tree, 'nested'));
    expect(output.files.map((f) => f.path)).toEqual(['../other/clean.yaml']);
  });
});
