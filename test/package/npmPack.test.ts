// The installable CLI: `npm pack` of the repository (from the built dist/, scripts skipped so the test never
// rebuilds dist/ under other tests) yields a package with only the bundled CLI and the schemas, no runtime
// dependency, and a `mks-gitops` bin that works after `npm install -g` into a temporary prefix and through `npx`
// from the packed file. Everything runs offline with an empty npm cache: nothing is fetched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/runCli';
import { npmEnv, packCli } from './packCli';

let work: string;
let tarball: string;
let packedFiles: string[];

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env: npmEnv(work) });
  if (result.error) throw result.error;
  return result;
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'mks-pack-'));
  ({ tarball, files: packedFiles } = packCli(work));
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds the bundled CLI, the schemas and the usual package files, nothing else', () => {
    expect(packedFiles).toEqual(
      ['LICENSE', 'README.md', 'dist/cli.js', 'package.json', 'schemas/mks-cluster.schema.json', 'schemas/mks-credentials.schema.json', 'schemas/mks.schema.json'].sort(),
    );
  });

  it('declares the mks-gitops bin and no runtime dependency (everything is bundled)', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.bin).toEqual({ 'mks-gitops': './dist/cli.js' });
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });
});

describe('installed with npm install -g into a temporary prefix', () => {
  let bin: string;
  beforeAll(() => {
    const prefix = path.join(work, 'prefix');
    const install = run('npm', ['install', '-g', '--prefix', prefix, tarball], work);
    expect(install.status, install.stderr).toBe(0);
    bin = path.join(prefix, 'bin', 'mks-gitops');
  }, 60_000);

  it('prints its version (the manifest version) and its help', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const version = run(bin, ['--version'], work);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${manifest.version}\n`);
    const help = run(bin, ['--help'], work);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mks-gitops <command> \[options\]/);
    expect(help.stdout).toContain('validate');
  });

  it('validates the examples clean and a broken spec with exit 1', () => {
    const clean = run(bin, ['validate', path.join(repoRoot, 'examples')], work);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toBe('0 errors, 0 warnings in 6 files\n');
    expect(clean.status).toBe(0);
    const broken = run(bin, ['validate', '--format', 'json', path.join(repoRoot, 'test', 'cli', 'fixtures', 'rule-errors.yaml')], work);
    expect(broken.status).toBe(1);
    expect((JSON.parse(broken.stdout) as { summary: { error: number } }).summary.error).toBeGreaterThan(0);
  });
});

describe('npx from the packed file', () => {
  it('runs mks-gitops validate on the examples', () => {
    const npx = run('npx', ['--yes', '--package', tarball, 'mks-gitops', 'validate', path.join(repoRoot, 'examples')], work);
    expect(npx.stderr).toBe('');
    expect(npx.stdout).toBe('0 errors, 0 warnings in 6 files\n');
    expect(npx.status).toBe(0);
  }, 60_000);
});
