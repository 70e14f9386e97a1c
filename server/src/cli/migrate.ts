// `mks-gitops migrate FILE [--write]`: the file's 2021-format cluster specs → the v3 extended spec (comments and key
// order kept), on stdout or written back; the report (what was mapped, dropped, inferred) and what the migrated spec
// still lacks (its findings) go to stderr.
import { rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MigrationError, migrateFile, reportText, type FileMigration } from '../engine/migrate/migrateFile';
import { defaultSettings } from '../engine/settings';
import { validate } from '../engine/validate';
import { YamlFile } from '../engine/yamlFile';
import { parseArgs, type FlagSpecs } from './args';
import { ExitCode, InputError, UsageError, type Command } from './command';
import { formatText } from './formatText';
import { loadSettings } from './loadSettings';
import { displayPath, readText } from './validateFiles';

const flags = {
  write: { type: 'boolean', description: 'write the migrated spec back to FILE instead of printing it' },
  config: { type: 'string', valueName: 'FILE', description: 'JSON engine settings used to check the migrated spec (as for validate)' },
} satisfies FlagSpecs;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Rewrite 2021-format rctl cluster specs (no apiVersion) as the v3 extended spec.',
  details:
    'The migrated file goes to stdout (FILE is left alone) unless --write. On stderr: each key mapped, dropped (no v3 home)\n' +
    'or inferred (check it), then the findings of the migrated spec, such as fields the old format never had.\n' +
    'Exit status: 0 migrated and clean, 1 migrated but the result has findings at error level, 2 bad usage, unreadable\n' +
    'FILE, or no 2021-format spec in it.',
  operands: 'FILE',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'FILE is missing' : 'give exactly one FILE');
    const cwd = process.cwd();
    const file = path.resolve(cwd, positionals[0]);
    const shown = displayPath(file, cwd);
    const settings = given.config ? await loadSettings(given.config) : defaultSettings;
    const yamlFile = new YamlFile(pathToFileURL(file).href, await readText(file, cwd));

    const legacy = yamlFile.documents.filter((d) => d.legacyFormat);
    const broken = yamlFile.documents.find((d) => d.doc.errors.length > 0 && !d.legacyFormat && mayBeLegacy(d.doc.toJSON()));
    if (legacy.length === 0) {
      throw new InputError(
        broken
          ? `${shown}: document ${broken.index + 1} has YAML syntax errors; fix them first (mks-gitops validate ${shown} shows them)`
          : `${shown} holds no cluster spec in the 2021 rctl format (kind: Cluster, spec.type: mks, no apiVersion): nothing to migrate`,
      );
    }

    let migration: FileMigration;
    try {
      migration = migrateFile(yamlFile);
    } catch (error) {
      if (error instanceof MigrationError) throw new InputError(`${shown}: ${error.message}; nothing was written`);
      throw error;
    }
    for (const document of migration.documents) {
      const name = yamlFile.documents[document.index].doc.getIn(['metadata', 'name']);
      output.err(`${shown}: document ${document.index + 1}${typeof name === 'string' ? ` (${name})` : ''}:\n${indent(reportText(document))}\n`);
    }
    if (given.write) {
      await writeAtomically(file, migration.text);
      output.err(`${shown}: written in the v3 extended spec.\n`);
    } else {
      output.out(migration.text);
    }

    const findings = validate(new YamlFile(yamlFile.uri, migration.text), { settings, syntaxErrorsEverywhere: true });
    const where = given.write ? shown : '<stdout>';
    output.err(
      findings.length === 0
        ? 'The migrated spec has no findings.\n'
        : `The migrated spec still has findings (lines of ${given.write ? shown : 'the printed text'}):\n${formatText([{ path: where, findings }])}`,
    );
    return findings.some((f) => f.severity === 'error') ? ExitCode.findings : ExitCode.ok;
  },
};

/** A document too broken to read is worth naming only when it might be one to migrate. */
function mayBeLegacy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'Cluster';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Next to the file, then renamed over it: a crash never leaves half a spec; the file's mode is kept. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.migrate-${process.pid}`);
  try {
    const { mode } = await stat(file);
    await writeFile(temporary, text, { mode });
    await rename(temporary, file);
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
