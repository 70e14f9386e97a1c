// Runtime messages are localisable: every text the extension's VS Code side shows (notifications, dialogs, pickers,
// input boxes, progress, CodeLens, status bar) goes through vscode.l10n.t, and l10n/bundle.l10n.json — the English
// bundle, made by `npx @vscode/l10n-dev export --outDir l10n client/src` — holds exactly the strings the sources use.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/runCli';

const client = path.join(repoRoot, 'client', 'src');
/** The folders that import `vscode` (agent/ and sync/ must not; their texts reach the user through these). */
const vscodeSide = ['.', 'syncView', 'sshActions', 'wizard', 'git'];

function sources(): { file: string; text: string }[] {
  return vscodeSide.flatMap((dir) =>
    readdirSync(path.join(client, dir))
      .filter((n) => n.endsWith('.ts'))
      .map((n) => ({ file: path.join(dir, n), text: readFileSync(path.join(client, dir, n), 'utf8') })),
  );
}

/** A string literal (quoted or template) where a shown text is passed. */
const LITERAL = /('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60)/.source;
const RAW_MESSAGE = new RegExp(/\bshow(?:Information|Warning|Error)Message\(\s*/.source + LITERAL, 'g');
const RAW_FIELD = new RegExp(/\b(?:title|prompt|placeHolder|tooltip|detail|validationMessage)\s*:\s*/.source + LITERAL, 'g');
const RAW_ASSIGNED = new RegExp(/\.(?:text|tooltip|description)\s*=\s*/.source + LITERAL, 'g');

/** Words in a literal, outside `${…}` interpolations and `$(icon)` references: a composition of values is no text. */
const hasWords = (literal: string) => /[A-Za-z]/.test(literal.slice(1, -1).replace(/\$\{[^}]*\}/g, '').replace(/\$\([\w~-]+\)/g, ''));

describe('runtime messages', () => {
  it('are passed through vscode.l10n.t, never as literals', () => {
    const raw = sources().flatMap(({ file, text }) =>
      [RAW_MESSAGE, RAW_FIELD, RAW_ASSIGNED].flatMap((pattern) =>
        [...text.matchAll(pattern)].filter((m) => hasWords(m[1])).map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`),
      ),
    );
    expect(raw).toEqual([]);
  });

  it('use the manifest and the English bundle (l10n/bundle.l10n.json) as exported from the sources', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { l10n?: string };
    expect(manifest.l10n).toBe('./l10n');
    const committed = JSON.parse(readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(committed).length).toBeGreaterThan(30);
    const out = mkdtempSync(path.join(tmpdir(), 'mks-l10n-'));
    try {
      const cli = path.join(repoRoot, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      const run = spawnSync(process.execPath, [cli, 'export', '--outDir', out, 'client/src'], { cwd: repoRoot, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const exported = JSON.parse(readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      expect(committed, 'l10n/bundle.l10n.json is stale: run npx @vscode/l10n-dev export --outDir l10n client/src').toEqual(exported);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
