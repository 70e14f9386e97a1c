// `mks-gitops validate`: files, directories or globs → the engine's findings in text, JSON, SARIF (code scanning)
// or GitLab code quality JSON.
import { defaultSettings } from '../engine/settings';
import { parseArgs, type FlagSpecs } from './args';
import { ExitCode, InputError, type Command } from './command';
import { collectFiles } from './collectFiles';
import { formatCodeQuality } from './formatCodeQuality';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { loadSettings } from './loadSettings';
import { countFindings, validateFiles, type FileReport } from './validateFiles';

const formatters: Record<string, (reports: readonly FileReport[], cwd: string) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  codequality: formatCodeQuality,
};

const flags = {
  format: { type: 'string', values: Object.keys(formatters), default: 'text', description: 'output format' },
  config: {
    type: 'string',
    valueName: 'FILE',
    description: 'JSON engine settings: kubernetesVersions, operatingSystems, severity (rule id → off|hint|info|warning|error)',
  },
} satisfies FlagSpecs;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check Rafay MKS Cluster and Credentials specs.',
  details:
    'Directories are searched for *.yaml and *.yml (not in node_modules or .git); with no operand, the current directory.\n' +
    'Exit status: 0 clean (warnings allowed), 1 findings at error level, 2 bad usage or unreadable input.',
  operands: '[files|dirs|globs...]',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    const cwd = process.cwd();
    const settings = given.config ? await loadSettings(given.config) : defaultSettings;
    const files = await collectFiles(positionals.length > 0 ? positionals : ['.'], cwd);
    // Checking nothing is almost always a wrong path in a CI job, so it must not pass quietly.
    if (files.length === 0) throw new InputError(`no YAML files found in ${positionals.join(' ') || '.'}`);
    const reports = await validateFiles(files, settings, cwd);
    output.out(formatters[given.format ?? 'text'](reports, cwd));
    return countFindings(reports).error > 0 ? ExitCode.findings : ExitCode.ok;
  },
};
