// Runs the engine over a set of files: all are read and parsed first, so one CredentialsIndex holds the
// Credentials specs of every file and a `cloudCredentials` reference resolves across them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../engine/findings';
import type { EngineSettings } from '../engine/settings';
import { validate } from '../engine/validate';
import { CredentialsIndex } from '../engine/workspaceIndex';
import { YamlFile } from '../engine/yamlFile';
import { InputError } from './command';

export interface FileReport {
  /** Path as shown to the user: relative to the working directory, with `/` separators. */
  path: string;
  findings: Finding[];
}

export type Counts = Record<Severity, number>;

/** `files` are absolute paths; `cwd` is what the shown paths are relative to. */
export async function validateFiles(files: readonly string[], settings: EngineSettings, cwd: string): Promise<FileReport[]> {
  const parsed: YamlFile[] = [];
  const credentials = new CredentialsIndex();
  // One file at a time: a large tree must not run out of file handles.
  for (const file of files) {
    const yamlFile = new YamlFile(pathToFileURL(file).href, await readText(file, cwd));
    credentials.update(yamlFile);
    parsed.push(yamlFile);
  }
  return parsed.map((file, i) => ({
    path: displayPath(files[i], cwd),
    findings: validate(file, { settings, credentials, syntaxErrorsEverywhere: true }),
  }));
}

export function countFindings(reports: readonly FileReport[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const report of reports) for (const finding of report.findings) counts[finding.severity]++;
  return counts;
}

export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

export async function readText(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${displayPath(file, cwd)}: ${(error as Error).message}`);
  }
}
