// The layout's import rules, read from the sources: the cores (engine, agent, sync model) never import VS Code or
// the language server library, the engine imports nothing outside itself, the sync model never imports the agent,
// and the agent never imports the VS Code side (client/src root, syncView, sshActions, wizard, git).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** Every module specifier a TypeScript file names: static imports and exports, `import()`, `require()`. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

interface Rule {
  core: string;
  /** Forbidden package names (exact, or a prefix ending in `*`). */
  packages: string[];
  /** Forbidden folders (repo-relative) for relative imports. */
  folders?: string[];
  /** When set, relative imports must stay inside these folders. */
  onlyInside?: string[];
}

const VSCODE = ['vscode', 'vscode-languageserver*', 'vscode-languageclient*'];
const VSCODE_SIDE = ['client/src/extension.ts', 'client/src/commands.ts', 'client/src/languageClient.ts', 'client/src/settings.ts', 'client/src/syncView', 'client/src/sshActions', 'client/src/wizard', 'client/src/git'];
const RULES: Rule[] = [
  { core: 'server/src/engine', packages: VSCODE, onlyInside: ['server/src/engine', 'schemas'] },
  { core: 'client/src/agent', packages: VSCODE, folders: VSCODE_SIDE },
  { core: 'client/src/sync', packages: VSCODE, folders: ['client/src/agent', ...VSCODE_SIDE] },
];

const matchesPackage = (spec: string, pattern: string) =>
  pattern.endsWith('*') ? spec.startsWith(pattern.slice(0, -1)) : spec === pattern || spec.startsWith(`${pattern}/`);
const inside = (file: string, folder: string) => file === folder || `${file}.ts` === folder || file.startsWith(`${folder}/`);

/** The rule's violations in one file's source, as "file: specifier (why)". */
export function violations(rule: Rule, file: string, source: string): string[] {
  return specifiers(source).flatMap((spec) => {
    if (!spec.startsWith('.')) {
      const banned = rule.packages.find((p) => matchesPackage(spec, p));
      return banned ? [`${file}: ${spec} (a core does not import ${banned})`] : [];
    }
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const folder = rule.folders?.find((f) => inside(target, f));
    if (folder) return [`${file}: ${spec} (${rule.core} does not import ${folder})`];
    if (rule.onlyInside && !rule.onlyInside.some((f) => inside(target, f))) return [`${file}: ${spec} (${rule.core} imports only from ${rule.onlyInside.join(', ')})`];
    return [];
  });
}

describe('layout: import rules', () => {
  for (const rule of RULES) {
    it(`${rule.core} keeps to its imports`, () => {
      const files = tsFiles(rule.core).map((f) => f.split(path.sep).join('/'));
      expect(files.length).toBeGreaterThan(5);
      const found = files.flatMap((f) => violations(rule, f, readFileSync(path.join(root, f), 'utf8')));
      expect(found).toEqual([]);
    });
  }

  it('client/src root holds only the wiring (and the settings the wiring reads)', () => {
    const rootFiles = readdirSync(path.join(root, 'client/src'), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
    expect(rootFiles).toEqual(['commands.ts', 'extension.ts', 'languageClient.ts', 'settings.ts']);
  });

  it('finds each kind of forbidden import (the checker itself)', () => {
    const [engine, agent, sync] = RULES;
    const source = [
      "import * as vscode from 'vscode';",
      "import { TextDocuments } from 'vscode-languageserver/node';",
      "export { x } from '../../../client/src/agent/pool';",
      "const m = await import('../sshActions/agentModule');",
      "const s = require('../syncView/syncController');",
      "import type { Y } from '../lsp/settings';",
    ].join('\n');
    expect(violations(engine, 'server/src/engine/x.ts', source)).toEqual([
      'server/src/engine/x.ts: vscode (a core does not import vscode)',
      'server/src/engine/x.ts: vscode-languageserver/node (a core does not import vscode-languageserver*)',
      'server/src/engine/x.ts: ../../../client/src/agent/pool (server/src/engine imports only from server/src/engine, schemas)',
      'server/src/engine/x.ts: ../lsp/settings (server/src/engine imports only from server/src/engine, schemas)',
      'server/src/engine/x.ts: ../sshActions/agentModule (server/src/engine imports only from server/src/engine, schemas)',
      'server/src/engine/x.ts: ../syncView/syncController (server/src/engine imports only from server/src/engine, schemas)',
    ]);
    expect(violations(sync, 'client/src/sync/x.ts', "import { mapLimit } from '../agent/mapLimit';\nimport { a } from './normalize';")).toEqual([
      'client/src/sync/x.ts: ../agent/mapLimit (client/src/sync does not import client/src/agent)',
    ]);
    expect(violations(agent, 'client/src/agent/x.ts', "import { engineSettings } from '../settings';\nimport { specHash } from '../sync/normalize';")).toEqual([
      'client/src/agent/x.ts: ../settings (client/src/agent does not import client/src/settings.ts)',
    ]);
  });
});
