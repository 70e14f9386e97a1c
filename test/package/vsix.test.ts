// The .vsix as the marketplace and VS Code's extension details page get it: `vsce ls` lists only what the
// extension needs (bundles, schemas, icons, English strings, README with its images, CHANGELOG), every README image
// is a relative path inside the package (the details page resolves it in the installed extension's folder), the
// icon is the 128×128 PNG the script makes from the SVG, and the packaged .vsix stays under 2 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli, repoRoot } from '../cli/runCli';

const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { icon: string; name: string; version: string };
const work = mkdtempSync(path.join(tmpdir(), 'mks-vsix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function vsceRun(args: string[]) {
  const run = spawnSync(vsce, args, { cwd: repoRoot, encoding: 'utf8' });
  if (run.error) throw run.error;
  return run;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('vsce ls', () => {
  builtCli();
  const listing = vsceRun(['ls', '--no-dependencies']);
  const files = listing.stdout.trim().split('\n').sort();

  it('lists the bundles, schemas, resources, README images, README, CHANGELOG, LICENSE and the manifest with its strings', () => {
    expect(listing.status, listing.stderr).toBe(0);
    const expected = [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/agent.js',
      'dist/extension.js',
      'dist/server.js',
      'dist/yamlService.js',
      'package.json',
      'package.nls.json',
      'l10n/bundle.l10n.json',
      'schemas/mks-cluster.schema.json',
      'schemas/mks-credentials.schema.json',
      'schemas/mks.schema.json',
    ];
    for (const file of expected) expect(files, file).toContain(file);
    const others = files.filter((f) => !expected.includes(f));
    for (const file of others) expect(file).toMatch(/^(resources\/|docs\/[^/]+\.png$)/);
    expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('test/') || f.endsWith('.map') || f.endsWith('.ts'))).toBe(false);
  });

  it('holds every image the README shows, by a relative path', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image, 'a relative path, resolved in the installed extension').not.toMatch(/^[a-z]+:|^\//);
      expect(image).toMatch(/\.png$/); // vsce rejects SVG images in a README
      expect(files, image).toContain(image);
    }
  });

  it('holds the icon: a 128×128 PNG, the one scripts/make-icon.mjs makes from resources/mks.svg', async () => {
    const { renderIcon } = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'make-icon.mjs')).href)) as { renderIcon(svg: string): Buffer };
    expect(files).toContain(manifest.icon);
    const icon = readFileSync(path.join(repoRoot, manifest.icon));
    expect(pngSize(icon)).toEqual({ width: 128, height: 128 });
    const regenerated = renderIcon(readFileSync(path.join(repoRoot, 'resources', 'mks.svg'), 'utf8'));
    expect(Buffer.compare(regenerated, icon), 'resources/icon.png is stale: run node scripts/make-icon.mjs').toBe(0);
  });
});

describe('vsce package', () => {
  it('makes a .vsix under 2 MB', () => {
    const out = path.join(work, `${manifest.name}-${manifest.version}.vsix`);
    const run = vsceRun(['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(statSync(out).size).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);
});
