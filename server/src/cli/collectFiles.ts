// Turns the operands of `validate` (files, directories, globs) into the list of files to check.
// A named file is taken whatever its extension; directories and globs yield *.yaml / *.yml only,
// never inside node_modules or .git. Something that names nothing is an input error, not silence.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SKIPPED_GLOBS, SPEC_FILE_GLOB } from '../engine/specFiles';
import { InputError } from './command';


/**
 * Absolute paths, sorted. A file reached twice (named twice, or through a symbolic link) is checked
 * once, preferably under its own path.
 */
export async function collectFiles(operands: readonly string[], cwd: string): Promise<string[]> {
  const byRealPath = new Map<string, string>();
  for (const operand of operands) {
    for (const file of await filesOf(operand, cwd)) {
      // A dangling link keeps its own path; reading it then fails with a clear message.
      const real = await realpath(file).catch(() => file);
      const kept = byRealPath.get(real);
      if (kept === undefined || rank(file, real) < rank(kept, real)) byRealPath.set(real, file);
    }
  }
  return [...byRealPath.values()].sort();
}

/** The file's own path first, then the shortest link to it, then the first in sort order. */
function rank(file: string, real: string): string {
  const own = file === real ? 0 : 1;
  const depth = file.split(path.sep).length;
  return `${own}:${String(depth).padStart(4, '0')}:${file}`;
}

async function filesOf(operand: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, operand);
  const kind = await kindOf(absolute, operand);
  if (kind === 'file') return [absolute];
  if (kind === 'directory') return yamlFilesIn(absolute);
  if (isDynamicPattern(operand)) {
    const matches = await glob(operand, { cwd, absolute: true, dot: true, ignore: [...SKIPPED_GLOBS], onlyFiles: true });
    if (matches.length === 0) throw new InputError(`no files match ${operand}`);
    return matches.map((m) => path.resolve(m));
  }
  if (kind === 'other') throw new InputError(`not a file or directory: ${operand}`);
  throw new InputError(`no such file or directory: ${operand}`);
}

async function yamlFilesIn(directory: string): Promise<string[]> {
  const matches = await glob(SPEC_FILE_GLOB, { cwd: directory, absolute: true, dot: true, ignore: [...SKIPPED_GLOBS], onlyFiles: true });
  return matches.map((m) => path.resolve(m));
}

async function kindOf(file: string, operand: string): Promise<'file' | 'directory' | 'other' | undefined> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'directory';
    return info.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(`cannot read ${operand}: ${(error as Error).message}`);
  }
}
