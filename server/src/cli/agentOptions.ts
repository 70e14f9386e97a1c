// What `preflight`, `apply` and `status` share: the flags that say how to reach the agent host, turned into
// an AgentConfig, a host-key policy and a passphrase source; and reading the spec file with its neighbours.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { agentFromTarget, type AgentConfig } from '../../../client/src/agent/agentConfig';
import type { AskPassphrase } from '../../../client/src/agent/auth';
import { HostKeyPolicy } from '../../../client/src/agent/hostKeys';
import { askHidden } from './terminalPrompts';
import { YamlFile } from '../engine/yamlFile';
import type { FlagSpecs } from './args';
import { InputError, UsageError } from './command';

export const PASSPHRASE_ENV = 'MKS_GITOPS_PASSPHRASE';

export const connectionFlags = {
  agent: { type: 'string', valueName: 'USER@HOST[:PORT]', description: 'the agent host (required)' },
  identity: { type: 'string', valueName: 'KEY', description: `private key file; only this identity is offered (passphrase from $${PASSPHRASE_ENV} or asked on the terminal)` },
  'known-hosts': { type: 'string', valueName: 'FILE', description: 'our known_hosts trust store (default ~/.config/mks-gitops/known_hosts; ~/.ssh/known_hosts is read too, never written)' },
  'accept-new': { type: 'boolean', description: 'trust and remember host keys seen for the first time (a changed key is always refused)' },
  format: { type: 'string', values: ['text', 'json'], default: 'text', description: 'output format' },
} satisfies FlagSpecs;

export interface ConnectionContext {
  agent: AgentConfig;
  hostKeys: HostKeyPolicy;
  askPassphrase: AskPassphrase;
}

export function connectionContext(
  flags: { agent?: string; identity?: string; 'known-hosts'?: string; 'accept-new': boolean },
  overrides: Partial<AgentConfig> = {},
): ConnectionContext {
  if (!flags.agent) throw new UsageError('--agent USER@HOST[:PORT] is required');
  let agent: AgentConfig;
  try {
    agent = agentFromTarget(flags.agent, { ...overrides, ...(flags.identity ? { auth: { identityFile: flags.identity, useAgent: true } } : {}) });
  } catch (error) {
    throw new UsageError(`--agent: ${(error as Error).message}`);
  }
  const hostKeys = new HostKeyPolicy({
    trustStoreFile: flags['known-hosts'] ?? path.join(homedir(), '.config', 'mks-gitops', 'known_hosts'),
    acceptNew: flags['accept-new'],
  });
  return { agent, hostKeys, askPassphrase: passphraseFromEnvOrTerminal };
}

/** First the environment (for CI), then, after a wrong one or without it, the terminal. */
const passphraseFromEnvOrTerminal: AskPassphrase = async (keyFile, retry) => {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv && !retry) return fromEnv;
  return askHidden(`Passphrase for ${keyFile}: `);
};

export interface SpecInput {
  file: YamlFile;
  /** The other YAML files of the same directory (where the Credentials spec usually is). */
  neighbours: YamlFile[];
  path: string;
}

export async function readSpec(positionals: readonly string[]): Promise<SpecInput> {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE, got ${positionals.length}`);
  const file = path.resolve(positionals[0]);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const spec = new YamlFile(pathToFileURL(file).href, text);
  if (!spec.documents.some((d) => d.kind === 'Cluster')) throw new InputError(`${positionals[0]} holds no MKS Cluster spec`);
  const dir = path.dirname(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  const neighbours = await Promise.all(
    names
      .filter((n) => /\.ya?ml$/.test(n) && path.join(dir, n) !== file)
      .map((n) => readFile(path.join(dir, n), 'utf8').then((t) => new YamlFile(pathToFileURL(path.join(dir, n)).href, t), () => undefined)),
  );
  return { file: spec, neighbours: neighbours.filter((f): f is YamlFile => f !== undefined), path: positionals[0] };
}

/** HEAD of the repository holding the file, `+dirty` when the file differs from it; undefined outside Git. */
export function gitCommitOf(file: string): Promise<string | undefined> {
  const git = (args: string[]) =>
    new Promise<{ ok: boolean; out: string }>((resolve) =>
      execFile('git', ['-C', path.dirname(file), ...args], (error, stdout) => resolve({ ok: !error, out: String(stdout).trim() })),
    );
  return git(['rev-parse', 'HEAD']).then(async (head) => {
    if (!head.ok || !/^[0-9a-f]{40}$/.test(head.out)) return undefined;
    const clean = await git(['diff', '--quiet', 'HEAD', '--', path.basename(file)]);
    return clean.ok ? head.out : `${head.out}+dirty`;
  });
}

/** `file:line:col: severity code: message`, like the validate command's text format. */
export function findingLine(file: string, f: { severity: string; code: string; message: string; range: { start: { line: number; character: number } } }): string {
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}: ${f.message}`;
}
