// Authentication for SSH: the methods tried, in the order ssh-agent → key file → encrypted key + passphrase
// (asked once per operation, kept by a SecretProvider once it works). Resolved before any connection opens, then
// offered to every host of the operation (connect.ts). Errors name the key and never carry a secret.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { OpenSSHAgent, utils, type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { redactor } from './redact';
import { SshError } from './sshError';

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

/** Auth methods resolved once per operation (the passphrase is asked at most once) and offered to every host. */
export interface PreparedAuth {
  methods: Array<{ describe: string; method: (username: string) => AnyAuthMethod }>;
  /** Why a method was left out (empty agent, unreadable default key, …), for the error message. */
  skipped: string[];
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
  for (const retry of [false, true]) {
    const passphrase = await options.askPassphrase?.(file, retry || stored !== undefined);
    if (passphrase === undefined) break;
    redactor.add(passphrase);
    const parsed = utils.parseKey(data, passphrase);
    if (parsed instanceof Error) continue;
    await options.secrets?.store(keyId, passphrase);
    return first(parsed);
  }
  throw new SshError('key', file, `Private key ${file} is encrypted and no working passphrase was given`);
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
