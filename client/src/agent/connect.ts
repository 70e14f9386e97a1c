// SSH connections with ssh2: host key checked before authentication, auth in the order ssh-agent → key file →
// encrypted key + passphrase (asked once, kept by a SecretProvider), jumps through an already open connection.
// Every error names the host and says why, and never carries a secret.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { Client, OpenSSHAgent, utils, type AnyAuthMethod, type ClientChannel, type ConnectConfig, type ParsedKey, type SFTPWrapper } from 'ssh2';
import type { SshTarget } from './agentConfig';
import type { HostKeyPolicy } from './hostKeys';
import { redactor } from './redact';

/** Where passphrases live between operations (VS Code: SecretStorage; CLI: environment or nothing). */
export interface SecretProvider {
  get(keyId: string): Promise<string | undefined>;
  store(keyId: string, value: string): Promise<void>;
  delete(keyId: string): Promise<void>;
}

/** Asks the user for a key's passphrase; undefined = the user declined. `retry` is set after a wrong one. */
export type AskPassphrase = (keyFile: string, retry: boolean) => Promise<string | undefined>;

export interface AuthOptions {
  identityFile?: string;
  useAgent: boolean;
  /** The ssh-agent socket; default SSH_AUTH_SOCK. */
  agentSocket?: string;
  secrets?: SecretProvider;
  askPassphrase?: AskPassphrase;
}

/**
 * `auth`: the server refused every method, or there was none (empty ssh-agent, no key), or the passphrase was
 * wrong or not given; `key`: a key file is unreadable or not a key; `passphrase-needed`: an encrypted key whose
 * passphrase is not stored and nobody may be asked now (a background refresh) — `keyFile` says which.
 */
export type SshErrorKind = 'unreachable' | 'timeout' | 'auth' | 'passphrase-needed' | 'host-key' | 'key' | 'closed';

export class SshError extends Error {
  constructor(
    readonly kind: SshErrorKind,
    readonly host: string,
    message: string,
    readonly keyFile?: string,
  ) {
    super(redactor.redact(message));
  }
}

/** Auth methods resolved once per operation (the passphrase is asked at most once) and offered to every host. */
export interface PreparedAuth {
  methods: Array<{ describe: string; method: (username: string) => AnyAuthMethod }>;
  /** Why a method was left out (empty agent, unreadable default key, …), for the error message. */
  skipped: string[];
  /** An encrypted default key that could have been used had its passphrase been known (no one was asked). */
  needsPassphrase?: SshError;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export async function prepareAuth(options: AuthOptions): Promise<PreparedAuth> {
  const prepared: PreparedAuth = { methods: [], skipped: [] };
  const socket = options.useAgent ? (options.agentSocket ?? process.env.SSH_AUTH_SOCK) : undefined;
  const identity = options.identityFile ? expandHome(options.identityFile) : undefined;
  const wanted = identity ? await publicKeyOf(identity) : undefined;
  if (socket) {
    const agentKeys = await listAgentKeys(socket).catch((error: Error) => {
      prepared.skipped.push(`ssh-agent unusable (${error.message})`);
      return [] as ParsedKey[];
    });
    // With an identity set, offer only that key from the agent: a full agent otherwise exhausts MaxAuthTries.
    const offered = wanted ? agentKeys.filter((k) => k.getPublicSSH().equals(wanted)) : agentKeys;
    if (offered.length > 0) {
      const agent = new FilteredAgent(socket, offered);
      prepared.methods.push({ describe: `ssh-agent (${offered.length} key${offered.length > 1 ? 's' : ''})`, method: (username) => ({ type: 'agent', username, agent }) });
    } else if (agentKeys.length > 0 || !wanted) {
      prepared.skipped.push(wanted ? `ssh-agent does not hold ${identity}` : 'ssh-agent holds no keys');
    }
  }
  if (identity) {
    if (!prepared.methods.length) prepared.methods.push(await keyMethod(identity, options));
    return prepared;
  }
  if (prepared.methods.length) return prepared;
  for (const name of DEFAULT_KEYS) {
    const file = path.join(homedir(), '.ssh', name);
    if (!(await exists(file))) continue;
    try {
      prepared.methods.push(await keyMethod(file, options));
    } catch (error) {
      prepared.skipped.push((error as Error).message);
      if (error instanceof SshError && error.kind === 'passphrase-needed') prepared.needsPassphrase ??= error;
    }
  }
  return prepared;
}

async function keyMethod(file: string, options: AuthOptions): Promise<PreparedAuth['methods'][number]> {
  const key = await loadKey(file, options);
  return { describe: `key ${file}`, method: (username) => ({ type: 'publickey', username, key }) };
}

/** Reads a private key; an encrypted one gets its passphrase from the SecretProvider or the user (stored once it works). */
export async function loadKey(file: string, options: Pick<AuthOptions, 'secrets' | 'askPassphrase'>): Promise<ParsedKey> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (error) {
    throw new SshError('key', file, `Cannot read private key ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const plain = utils.parseKey(data);
  if (!(plain instanceof Error)) return first(plain);
  if (!/passphrase|encrypted/i.test(plain.message)) throw new SshError('key', file, `${file} is not a usable private key: ${plain.message}`);
  const keyId = `passphrase:${path.resolve(file)}`;
  const stored = await options.secrets?.get(keyId);
  if (stored !== undefined) {
    redactor.add(stored);
    const parsed = utils.parseKey(data, stored);
    if (!(parsed instanceof Error)) return first(parsed);
    await options.secrets?.delete(keyId); // stale: the key's passphrase was changed
  }
  if (!options.askPassphrase) {
    const why = stored !== undefined ? 'the stored passphrase no longer works' : 'no passphrase is stored';
    throw new SshError('passphrase-needed', file, `Private key ${file} needs its passphrase (${why})`, file);
  }
  let wrong = 0;
  for (const retry of [false, true]) {
    const passphrase = await options.askPassphrase(file, retry || stored !== undefined);
    if (passphrase === undefined) break;
    redactor.add(passphrase);
    const parsed = utils.parseKey(data, passphrase);
    if (parsed instanceof Error) {
      wrong++;
      continue;
    }
    await options.secrets?.store(keyId, passphrase);
    return first(parsed);
  }
  const why = wrong > 0 ? `the passphrase given was wrong${wrong > 1 ? ` (${wrong} tries)` : ''}` : 'no passphrase was given';
  throw new SshError('auth', file, `Private key ${file} is encrypted and ${why}`, file);
}

/** An ssh-agent that offers only the chosen keys. */
class FilteredAgent extends OpenSSHAgent {
  constructor(
    socket: string,
    private readonly keys: ParsedKey[],
  ) {
    super(socket);
  }
  override getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    cb(undefined, this.keys);
  }
}

function listAgentKeys(socket: string): Promise<ParsedKey[]> {
  return new Promise((resolve, reject) =>
    new OpenSSHAgent(socket).getIdentities((err, keys) => (err ? reject(err) : resolve((keys ?? []) as ParsedKey[]))),
  );
}

/** The public key blob of an identity: from `<file>.pub`, else from the key itself when it is not encrypted. */
async function publicKeyOf(identity: string): Promise<Buffer | undefined> {
  for (const candidate of [`${identity}.pub`, identity]) {
    const data = await fs.readFile(candidate).catch(() => undefined);
    const parsed = data && utils.parseKey(data);
    if (parsed && !(parsed instanceof Error)) return first(parsed).getPublicSSH();
  }
  return undefined;
}

export interface ConnectOptions {
  target: SshTarget;
  auth: PreparedAuth;
  hostKeys: HostKeyPolicy;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** Open the connection through this one (a jump host) instead of a direct TCP connection. */
  via?: SshConnection;
}

export class SshConnection {
  private closed = false;
  /** Rejects when the connection drops: ssh2 leaves pending SFTP requests unanswered then. */
  private readonly lost: Promise<never>;

  constructor(
    readonly client: Client,
    readonly target: SshTarget,
  ) {
    this.lost = new Promise<never>((_, reject) =>
      client.on('close', () => {
        this.closed = true;
        reject(new SshError('closed', this.label, `Connection to ${this.label} was lost`));
      }),
    );
    this.lost.catch(() => undefined);
  }

  /** `work`, or a rejection as soon as the connection is lost. */
  guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.lost]);
  }

  get label(): string {
    return targetLabel(this.target);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  exec(command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new SshError('closed', this.label, `Connection to ${this.label} is closed`));
      this.client.exec(command, (err, channel) =>
        err ? reject(new SshError('closed', this.label, `Cannot run a command on ${this.label}: ${err.message}`)) : resolve(channel),
      );
    });
  }

  sftp(): Promise<SFTPWrapper> {
    return this.guard(new Promise((resolve, reject) =>
      this.client.sftp((err, sftp) =>
        err ? reject(new SshError('closed', this.label, `Cannot open SFTP on ${this.label}: ${err.message}`)) : resolve(sftp),
      ),
    ));
  }

  close(): void {
    this.client.end();
  }
}

export const targetLabel = (t: SshTarget): string => `${t.username}@${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;

export async function connect(options: ConnectOptions): Promise<SshConnection> {
  const { target } = options;
  const label = targetLabel(target);
  if (options.auth.methods.length === 0) {
    const pending = options.auth.needsPassphrase;
    if (pending) throw new SshError('passphrase-needed', label, `${pending.message}; needed to log in to ${label}`, pending.keyFile);
    const why = options.auth.skipped.length ? options.auth.skipped.join('; ') : 'no ssh-agent (SSH_AUTH_SOCK) and no key file';
    throw new SshError('auth', label, `No way to authenticate to ${label}: ${why}`);
  }
  const sock = options.via ? await forward(options.via, target) : undefined;
  const client = new Client();
  let hostKeyProblem: Error | undefined;
  const tried: string[] = [];
  const remaining = [...options.auth.methods];
  return new Promise<SshConnection>((resolve, reject) => {
    const fail = (error: SshError) => {
      clearTimeout(clock);
      client.destroy();
      reject(error);
    };
    // Our own handshake clock instead of ssh2's readyTimeout: it stops while the user is asked about a host key.
    let clock: NodeJS.Timeout | undefined;
    const startClock = () => {
      clock = setTimeout(
        () => fail(new SshError('timeout', label, `Timed out connecting to ${label} (no SSH handshake within ${options.readyTimeoutMs / 1000}s)`)),
        options.readyTimeoutMs,
      );
    };
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      sock,
      readyTimeout: 0,
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer, verified: (ok: boolean) => void) => {
        clearTimeout(clock);
        options.hostKeys.check(target.host, target.port, key).then(
          () => {
            startClock();
            verified(true);
          },
          (error: Error) => {
            hostKeyProblem = error;
            verified(false);
          },
        );
      },
      authHandler: (_left, _partial, next) => {
        const method = remaining.shift();
        if (!method) return next(false as never);
        tried.push(method.describe);
        next(method.method(target.username));
      },
    };
    client.once('ready', () => {
      clearTimeout(clock);
      client.removeAllListeners('error');
      client.on('error', () => undefined); // later errors surface through the channel that is in use
      resolve(new SshConnection(client, target));
    });
    client.once('error', (error: Error & { level?: string }) => {
      if (hostKeyProblem) return fail(new SshError('host-key', label, hostKeyProblem.message));
      if (error.level === 'client-authentication') {
        const skipped = options.auth.skipped.length ? `; not tried: ${options.auth.skipped.join('; ')}` : '';
        return fail(new SshError('auth', label, `Authentication refused by ${label} (tried ${tried.join(', ') || 'nothing'}${skipped})`));
      }
      const why = (error as NodeJS.ErrnoException).code ?? error.message;
      const route = options.via ? `Cannot reach ${label} through ${options.via.label}` : `Cannot connect to ${label}`;
      fail(new SshError('unreachable', label, `${route}: ${why}`));
    });
    // SSH sends many small packets that each wait for an answer: with Nagle's algorithm on, the delayed ACKs
    // add tens of milliseconds to every step of the handshake and every command.
    client.once('connect', () => client.setNoDelay(true));
    startClock();
    try {
      client.connect(config);
    } catch (error) {
      fail(new SshError('key', label, `Cannot connect to ${label}: ${(error as Error).message}`));
    }
  });
}

function forward(via: SshConnection, target: SshTarget): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    if (!via.isOpen) return reject(new SshError('closed', targetLabel(target), `Connection to jump host ${via.label} is closed`));
    via.client.forwardOut('127.0.0.1', 0, target.host, target.port, (err, channel) =>
      err
        ? reject(new SshError('unreachable', targetLabel(target), `Cannot reach ${targetLabel(target)} through ${via.label}: ${err.message}`))
        : resolve(channel),
    );
  });
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : file;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

const first = (parsed: ParsedKey | ParsedKey[]): ParsedKey => (Array.isArray(parsed) ? parsed[0] : parsed);
