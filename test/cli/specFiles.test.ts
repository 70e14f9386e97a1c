// One answer to "which workspace files may hold specs" (server/src/engine/specFiles.ts): the CLI's directory
// walk (tinyglobby with the shared glob), the language server's walk (isSpecFileName / isSkippedDirectory) and the
// extension's findFiles (the same glob and exclude) must pick the same files.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../server/src/cli/collectFiles';
import { isSkippedDirectory, isSpecFileName, mayHoldSpecs, SKIPPED_GLOB, SPEC_FILE_GLOB } from '../../server/src/engine/specFiles';

let tree: string;
const names = ['a.yaml', 'b.yml', 'C.YAML', 'd.yaml.txt', 'e.json', 'sub/f.yml', 'sub/deep/g.yaml', 'node_modules/p/h.yaml', '.git/i.yaml', 'sub/node_modules/j.yml', '.hidden/k.yaml'];

beforeAll(() => {
  tree = mkdtempSync(path.join(tmpdir(), 'mks-spec-files-'));
  for (const name of names) {
    mkdirSync(path.dirname(path.join(tree, name)), { recursive: true });
    writeFileSync(path.join(tree, name), 'kind: ConfigMap\n');
  }
});

afterAll(() => rmSync(tree, { recursive: true, force: true }));

/** The language server's walk, written out with the shared predicates. */
function walk(directory: string, into: string[] = []): string[] {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !isSkippedDirectory(entry.name)) walk(full, into);
    else if (entry.isFile() && isSpecFileName(entry.name)) into.push(full);
  }
  return into.sort();
}

describe('spec files', () => {
  it('the CLI walk and the name predicates pick the same files: YAML by name, never under node_modules or .git', async () => {
    const expected = ['.hidden/k.yaml', 'a.yaml', 'b.yml', 'sub/deep/g.yaml', 'sub/f.yml'].map((n) => path.join(tree, n));
    expect(await collectFiles([tree], tree)).toEqual(expected);
    expect(walk(tree)).toEqual(expected);
  });

  it('the globs the extension hands to findFiles say the same', () => {
    expect(SPEC_FILE_GLOB).toBe('**/*.{yaml,yml}');
    expect(SKIPPED_GLOB).toBe('{**/node_modules/**,**/.git/**}');
  });

  it('reads only text that names the MKS API group', () => {
    expect(mayHoldSpecs('apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\n')).toBe(true);
    expect(mayHoldSpecs('apiVersion: apps/v1\nkind: Deployment\n')).toBe(false);
  });
});
