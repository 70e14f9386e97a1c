// What each finding code means, as help for code scanning (SARIF `help`: GitHub shows it beside every result):
// the code's one-line description, for a rule its header comment (what it checks and why, from the rule's own file,
// put into the CLI bundle by scripts/build.mjs), the level it reports at, and how to change that level.
import type { FindingCode } from './findingCodes';

/** Rule id → the rule file's header comment; defined by the CLI build (scripts/rule-headers.mjs). */
declare const RULE_HEADERS: Readonly<Record<string, string>> | undefined;
const ruleHeaders: Readonly<Record<string, string>> = typeof RULE_HEADERS === 'undefined' ? {} : RULE_HEADERS;

export interface RuleHelp {
  text: string;
  markdown: string;
}

export function ruleHelp(code: FindingCode): RuleHelp {
  const kind = code.id === 'yaml-syntax' ? 'syntax check' : code.id.startsWith('schema/') ? 'schema check' : 'cross-field rule';
  const level = code.defaultSeverity
    ? `It reports at ${code.defaultSeverity} level by default.`
    : `It reports at error level (warning where the schema marks a check as inferred).`;
  const configure =
    `Change its level or turn it off by its id: in VS Code with the setting mksGitops.rules ({ "${code.id}": "off" }), ` +
    `in the CLI with --config FILE holding { "severity": { "${code.id}": "off" } } (off, info, warning, error; the CLI also takes hint).`;
  const header = ruleHeaders[code.id];
  return {
    text: [`${code.id} (${kind}): ${code.description}`, header, level, configure].filter(Boolean).join(' '),
    markdown: [
      `**${code.id}** (${kind}): ${code.description}`,
      '',
      ...(header ? [header, ''] : []),
      level,
      '',
      `Change its level or turn it off by its id: in VS Code with the setting \`mksGitops.rules\` (\`{ "${code.id}": "off" }\`), ` +
        `in the CLI with \`--config FILE\` holding \`{ "severity": { "${code.id}": "off" } }\` (\`off\`, \`info\`, \`warning\`, \`error\`; the CLI also takes \`hint\`).`,
    ].join('\n'),
  };
}
