// Which workspace files may hold MKS specs: one answer for the extension's sync view scan, the language server's
// Credentials scan and the CLI's directories and globs. Plain data and pure functions (no vscode, no fs).

/** The MKS API group; text that does not name it holds no MKS spec (a cheap filter before a parse). */
export const MKS_API_GROUP = 'infra.k8smgmt.io';

/** Files searched for specs (YAML by name). */
export const SPEC_FILE_GLOB = '**/*.{yaml,yml}';

/** Directories never searched (dependencies and Git's own files). */
export const SKIPPED_DIRECTORIES: readonly string[] = ['node_modules', '.git'];

/** The skipped directories as globs (tinyglobby `ignore`), and as one brace glob (VS Code `findFiles` exclude). */
export const SKIPPED_GLOBS: readonly string[] = SKIPPED_DIRECTORIES.map((d) => `**/${d}/**`);
export const SKIPPED_GLOB = `{${SKIPPED_GLOBS.join(',')}}`;

/** At most this many files are read by a workspace scan (the scanners say so when they stop there). */
export const MAX_SPEC_FILES = 5_000;

/** A larger file is not read by a workspace scan (a file named explicitly, e.g. on the CLI, is always read). */
export const MAX_SPEC_FILE_BYTES = 2 * 1024 * 1024;

/** As SPEC_FILE_GLOB: lower-case `.yaml` / `.yml` (globs match case-sensitively). */
const SPEC_FILE_NAME = /\.ya?ml$/;

/** Whether a file name (or path, or URI) is one the scans read. */
export function isSpecFileName(name: string): boolean {
  return SPEC_FILE_NAME.test(name);
}

/** Whether a directory name is one the scans skip. */
export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.includes(name);
}

/**
 * Whether the text may hold an MKS spec (names the API group, or may be a cluster in the 2021 rctl format, which
 * has no apiVersion: reference §3.5); false means no parse is needed.
 */
export function mayHoldSpecs(text: string): boolean {
  return text.includes(MKS_API_GROUP) || (/\bkind:\s*["']?Cluster\b/.test(text) && /\btype:\s*["']?mks\b/.test(text));
}
