// The schemas for other tools: stable `$id`s (their file names) with relative `$ref`s between them, so a copy of
// schemas/ works from any directory; and plain yaml-language-server 2.0.0 (its own server, `--stdio`, as Neovim,
// Helix or vscode-yaml start it) checking a spec that names the schema only through the modeline the README shows.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from '../../bench/lspSession';

const root = path.resolve(__dirname, '../..');
const schemaFiles = readdirSync(path.join(root, 'schemas')).filter((f) => f.endsWith('.schema.json')).sort();

function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refsOf(v)));
}

describe('schema ids', () => {
  it('are the file names, and every $ref outside a schema names a sibling file', () => {
    expect(schemaFiles).toEqual(['mks-cluster.schema.json', 'mks-credentials.schema.json', 'mks.schema.json']);
    for (const file of schemaFiles) {
      const schema = JSON.parse(readFileSync(path.join(root, 'schemas', file), 'utf8')) as { $id: string; $schema: string };
      expect(schema.$id).toBe(file);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      for (const ref of refsOf(schema).filter((r) => !r.startsWith('#'))) expect(schemaFiles, `${file}: ${ref}`).toContain(ref.split('#')[0]);
    }
  });
});

describe('plain yaml-language-server with the modeline', () => {
  let work: string;
  let server: LspSession;
  const spec = readFileSync(path.join(root, 'examples', 'cluster-ha.yaml'), 'utf8');
  const modeline = '# yaml-language-server: $schema=../schemas/mks.schema.json\n';

  beforeAll(async () => {
    // The schemas copied elsewhere, as a user would keep them in their repository.
    work = mkdtempSync(path.join(tmpdir(), 'mks-other-tools-'));
    cpSync(path.join(root, 'schemas'), path.join(work, 'schemas'), { recursive: true });
    mkdirSync(path.join(work, 'clusters'));
    server = await LspSession.start({
      command: [process.execPath, path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      rootPath: work,
      configuration: { yaml: { validate: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } } },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function diagnosticsOf(name: string, text: string) {
    const file = path.join(work, 'clusters', name);
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const published = server.nextDiagnostics(uri);
    await server.open(uri, text);
    return (await published).diagnostics;
  }

  it('finds a schema error in an MKS spec on its line', async () => {
    const broken = modeline + spec.replace('highAvailability: true', 'highAvailability: maybe');
    const line = broken.split('\n').findIndex((l) => l.includes('highAvailability: maybe'));
    const diagnostics = await diagnosticsOf('broken.yaml', broken);
    expect(diagnostics.map((d) => d.range.start.line)).toContain(line);
    expect(diagnostics.find((d) => d.range.start.line === line)?.message).toMatch(/boolean/i);
  });

  it('finds nothing in the valid example', async () => {
    expect(await diagnosticsOf('good.yaml', modeline + spec)).toEqual([]);
  });
});
