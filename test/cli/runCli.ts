// Runs the built CLI (`dist/cli.js`, made by `npm run build`) as a child process, the way a user or CI does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const fixtures = path.join(__dirname, 'fixtures');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI's path; tests never build it themselves (a build would rewrite dist/ under other running tests). */
export function builtCli(): string {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first (\`npm test\` does)`);
  return cliPath;
}

export function runCli(args: readonly string[], cwd = fixtures): CliRun {
  const run = spawnSync(process.execPath, [builtCli(), ...args], { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The JSON format's output, typed as documented in server/src/cli/formatJson.ts. */
export interface JsonOutput {
  version: number;
  files: {
    path: string;
    findings: {
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      line: number;
      column: number;
    }[];
  }[];
  summary: { files: number; error: number; warning: number; info: number; hint: number };
}

export function runJson(args: readonly string[], cwd = fixtures): { status: number | null; output: JsonOutput; stderr: string } {
  const run = runCli([...args, '--format', 'json'], cwd);
  return { status: run.status, output: JSON.parse(run.stdout) as JsonOutput, stderr: run.stderr };
}

export function codesIn(output: JsonOutput): string[] {
  return output.files.flatMap((f) => f.findings.map((x) => x.code));
}
