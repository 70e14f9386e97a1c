// Each cross-field rule's header comment (the lines of `//` that open its file in server/src/engine/rules/), keyed by
// the rule id(s) the file declares: the CLI bundle gets them as RULE_HEADERS (scripts/build.mjs), and SARIF shows them
// as the rule's help (server/src/cli/ruleHelp.ts). One source for what a rule checks and why: the rule's own file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'src', 'engine', 'rules');

export function ruleHeaders(rulesDir = defaultRulesDir) {
  const headers = {};
  for (const name of readdirSync(rulesDir).filter((n) => n.endsWith('.ts') && n !== 'index.ts' && n !== 'rule.ts').sort()) {
    const source = readFileSync(path.join(rulesDir, name), 'utf8');
    const lines = [];
    for (const line of source.split('\n')) {
      if (!line.startsWith('//')) break;
      lines.push(line.replace(/^\/\/ ?/, ''));
    }
    const header = lines.join(' ').replace(/\s+/g, ' ').trim();
    for (const [, id] of source.matchAll(/^\s*id:\s*'([a-z0-9-]+)'/gm)) if (header) headers[id] = header;
  }
  return headers;
}
