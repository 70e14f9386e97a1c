// The extension manifest as the marketplace reads it: contributed strings are %key% references with their English
// text in package.nls.json (none missing, none unused), a CHANGELOG entry for the version, the README saying why
// repository/bugs/homepage are absent, and the Node.js versions the README names matching what the lockfile's
// packages declare (so `npm ci` warns EBADENGINE only where the README says it does).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/runCli';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as Record<string, unknown> & { version: string; contributes: Record<string, unknown> };
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
const readme = read('README.md');

/** The fields VS Code shows to users (and localises) anywhere under `contributes` and `capabilities`. */
const SHOWN = new Set([
  'title', 'shortTitle', 'category', 'description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage',
  'markdownDeprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions', 'name', 'contextualTitle', 'contents', 'altText',
]);

/** [path, value] of every shown string; `properties` maps setting names, so a setting called `name` is no field. */
function shownStrings(value: unknown, at: string[] = [], parentKey = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => (typeof v === 'string' ? (SHOWN.has(parentKey) ? [[[...at, String(i)].join('.'), v] as [string, string]] : []) : shownStrings(v, [...at, String(i)], parentKey)));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (parentKey === 'properties') return shownStrings(v, [...at, key], '');
    if (typeof v === 'string') return SHOWN.has(key) ? [[[...at, key].join('.'), v] as [string, string]] : [];
    return shownStrings(v, [...at, key], key);
  });
}

describe('package.json strings', () => {
  const shown = [...shownStrings(manifest.contributes, ['contributes']), ...shownStrings(manifest.capabilities, ['capabilities'])];

  it('are %key% references, each with its English text in package.nls.json', () => {
    expect(shown.length).toBeGreaterThan(50);
    for (const [where, text] of shown) {
      expect(text, where).toMatch(/^%[^%]+%$/);
      expect(nls[text.slice(1, -1)], `${where}: ${text} is missing from package.nls.json`).toMatch(/\S/);
    }
  });

  it('leave no unused text in package.nls.json', () => {
    const used = new Set(shown.map(([, text]) => text.slice(1, -1)));
    expect(Object.keys(nls).filter((key) => !used.has(key))).toEqual([]);
  });
});

describe('marketplace fields', () => {
  it('has a CHANGELOG entry for the version', () => {
    expect(read('CHANGELOG.md')).toContain(`## [${manifest.version}]`);
  });

  it('names no repository, issue tracker or home page, and the README says there is none', () => {
    for (const field of ['repository', 'bugs', 'homepage']) expect(manifest[field], field).toBeUndefined();
    expect(readme).toContain('this project has no\n  public repository, issue tracker or home page yet');
  });
});

describe('Node.js versions (README vs the lockfile)', () => {
  // semver comes with npm's own dependencies in node_modules (it is what npm uses to check engines).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const semver = require('semver') as { satisfies(version: string, range: string): boolean };
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } }> };
  const excluding = (node: string) =>
    Object.entries(lock.packages)
      .filter(([, p]) => p.engines?.node && !semver.satisfies(node, p.engines.node))
      .map(([name]) => name.replace(/^.*node_modules\//, ''))
      .sort();

  it('runs at the engines.node the manifest and README name (20.19), warned only for the packages the README names', () => {
    expect((manifest.engines as { node: string }).node).toBe('>=20.19');
    expect(readme).toContain('run on Node.js 20.19 or later');
    expect(excluding('20.19.0')).toEqual(['@azure/core-process', '@azure/identity', '@vscode/test-electron', '@vscode/vsce', 'yaml-language-server']);
    for (const name of ['yaml-language-server 2.0.0', '@vscode/vsce 4.1', '@vscode/test-electron 3.1', '@azure/identity', '@azure/core-process']) expect(readme).toContain(name);
  });

  it('has nothing that excludes Node.js 22.13, which the README names for a clean npm ci', () => {
    expect(readme).toContain('Node.js 22.13 or later gives a clean `npm ci`');
    expect(excluding('22.13.0')).toEqual([]);
  });
});

describe('install scripts', () => {
  it('every package in the lockfile with an install script has a decision in allowScripts, and nothing else does', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScript = Object.entries(lock.packages)
      .filter(([where, entry]) => where !== '' && entry.hasInstallScript)
      .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const decided = manifest.allowScripts as Record<string, boolean>;
    expect([...new Set(withScript)].sort()).toEqual(Object.keys(decided).sort());
    // The optional native SSH builds stay off: the bundles never load them (scripts/build.mjs marks them external).
    expect(decided).toMatchObject({ ssh2: false, 'cpu-features': false });
  });
});
