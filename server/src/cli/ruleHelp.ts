// What each finding code means, as help for code scanning (SARIF `help`: GitHub shows it beside every result):
// the code's one-line description, the level it reports at, and how to change that level.
import type { FindingCode } from './findingCodes';

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
  return {
    text: `${code.id} (${kind}): ${code.description} ${level} ${configure}`,
    markdown: [
      `**${code.id}** (${kind}): ${code.description}`,
      '',
      level,
      '',
      `Change its level or turn it off by its id: in VS Code with the setting \`mksGitops.rules\` (\`{ "${code.id}": "off" }\`), ` +
        `in the CLI with \`--config FILE\` holding \`{ "severity": { "${code.id}": "off" } }\` (\`off\`, \`info\`, \`warning\`, \`error\`; the CLI also takes \`hint\`).`,
    ].join('\n'),
  };
}
