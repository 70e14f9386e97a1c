// Host-key policy: our own trust store (a known_hosts file we own) plus the user's OpenSSH known_hosts,
// which we read but never write. Unknown keys are asked about (or accepted with accept-new) and then
// remembered; a changed or revoked key is always refused. Checked before authentication, on every hop.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fingerprint, formatEntry, parseKnownHosts, verify, type KnownHostEntry } from './knownHosts';

/** Asked about a host key seen for the first time; true trusts (and remembers) it. */
export type AskHostKey = (host: string, fingerprint: string) => Promise<boolean>;

export interface HostKeyPolicyOptions {
  /** Our known_hosts file (created on first trust), e.g. in VS Code's globalStorage. */
  trustStoreFile: string;
  /** OpenSSH files read for trust, never written; default `~/.ssh/known_hosts`. */
  userKnownHostsFiles?: string[];
  /** Trust unknown keys without asking (CLI `--accept-new`). */
  acceptNew?: boolean;
  ask?: AskHostKey;
  /** Called after the user accepted an unknown key (through `ask`) and it was remembered in the trust store. */
  onAccepted?: (host: string, port: number, key: Buffer) => Promise<void>;
}

export class HostKeyError extends Error {}

export class HostKeyPolicy {
  private readonly userFiles: string[];
  /** Serialises trust-store writes and questions (parallel node connections must not ask twice). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HostKeyPolicyOptions) {
    this.userFiles = options.userKnownHostsFiles ?? [path.join(homedir(), '.ssh', 'known_hosts')];
  }

  /** Resolves when the key may be trusted for host:port; rejects with a HostKeyError saying why not. */
  /** `extraFiles`: more OpenSSH known_hosts files for this host (~/.ssh/config UserKnownHostsFile), read only. */
  check(host: string, port: number, key: Buffer, extraFiles: readonly string[] = []): Promise<void> {
    const next = this.queue.then(() => this.decide(host, port, key, extraFiles));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async decide(host: string, port: number, key: Buffer, extraFiles: readonly string[]): Promise<void> {
    const label = port === 22 ? host : `${host}:${port}`;
    const got = fingerprint(key);
    const extra = (await Promise.all(extraFiles.map(readEntries))).flat();
    const entries = [...(await readEntries(this.options.trustStoreFile)), ...(await this.userEntries()), ...extra];
    const verdict = verify(entries, host, port, key);
    switch (verdict.status) {
      case 'known':
        return;
      case 'revoked':
        throw new HostKeyError(`Host key of ${label} (${got}) is marked @revoked in known_hosts; refusing to connect.`);
      case 'changed':
        throw new HostKeyError(
          `HOST KEY CHANGED for ${label}: expected ${verdict.expected.join(' or ')}, got ${got}. ` +
            'Refusing to connect (possible man-in-the-middle); if the host was reinstalled, remove its old entry from known_hosts.',
        );
      case 'unknown': {
        const asked = !this.options.acceptNew && this.options.ask !== undefined;
        const trusted = this.options.acceptNew || (this.options.ask ? await this.options.ask(label, got) : false);
        if (!trusted) {
          throw new HostKeyError(
            `Unknown host key for ${label} (${got}); not trusted. Verify the fingerprint, then accept it (CLI: --accept-new).`,
          );
        }
        await this.remember(host, port, key);
        if (asked) await this.options.onAccepted?.(host, port, key);
      }
    }
  }

  private async remember(host: string, port: number, key: Buffer): Promise<void> {
    await fs.mkdir(path.dirname(this.options.trustStoreFile), { recursive: true });
    await fs.appendFile(this.options.trustStoreFile, formatEntry(host, port, key) + '\n', { mode: 0o600 });
  }

  private async userEntries(): Promise<KnownHostEntry[]> {
    return (await Promise.all(this.userFiles.map(readEntries))).flat();
  }
}

/**
 * Adds a host key to an OpenSSH known_hosts file (the user's ~/.ssh/known_hosts when they said so), creating it
 * (and its folder, 0700) with mode 0600; a key already listed for the host is not added twice.
 */
export async function appendKnownHost(file: string, host: string, port: number, key: Buffer): Promise<boolean> {
  const entries = await readEntries(file);
  if (verify(entries, host, port, key).status === 'known') return false;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const existing = await fs.readFile(file, 'utf8').catch(() => '');
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await fs.appendFile(file, separator + formatEntry(host, port, key) + '\n', { mode: 0o600 });
  return true;
}

async function readEntries(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new HostKeyError(`Cannot read known_hosts file ${file}: ${(error as Error).message}`);
  }
}
