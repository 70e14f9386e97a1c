// OpenSSH known_hosts: parsing and lookup (plain and hashed hosts, `[host]:port`, `!` negation, `*`/`?`
// wildcards, `@revoked`; `@cert-authority` lines are ignored because we never accept host certificates).
import { createHash, createHmac } from 'node:crypto';

export type HostKeyStatus = 'known' | 'unknown' | 'changed' | 'revoked';

export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | undefined;
  /** Comma-separated patterns as written, or a single `|1|salt|hash` entry. */
  hosts: string;
  keyType: string;
  /** The key blob in SSH wire format. */
  key: Buffer;
  line: number;
}

export interface Verdict {
  status: HostKeyStatus;
  /** Fingerprints of the keys on record for the host (for "changed": what we expected). */
  expected: string[];
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    } else if (fields[0].startsWith('@')) {
      return; // an unknown marker: OpenSSH skips the line too
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return;
    const key = Buffer.from(base64, 'base64');
    if (keyTypeOf(key) !== keyType) return; // a damaged line must not match anything
    entries.push({ marker, hosts, keyType, key, line: index + 1 });
  });
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function hostMatches(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = hostKeyName(host, port).toLowerCase();
  if (entry.hosts.startsWith('|1|')) return hashedMatches(entry.hosts, name);
  let matched = false;
  for (const raw of entry.hosts.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!wildcardMatches(pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

export function verify(entries: readonly KnownHostEntry[], host: string, port: number, key: Buffer): Verdict {
  if (entries.some((e) => e.marker === 'revoked' && e.key.equals(key))) return { status: 'revoked', expected: [] };
  const forHost = entries.filter((e) => e.marker === undefined && hostMatches(e, host, port));
  if (forHost.some((e) => e.key.equals(key))) return { status: 'known', expected: [] };
  // Like OpenSSH: only a different key of the same type is a change; a new key type is merely unknown.
  const sameType = forHost.filter((e) => e.keyType === keyTypeOf(key));
  if (sameType.length > 0) return { status: 'changed', expected: sameType.map((e) => fingerprint(e.key)) };
  return { status: 'unknown', expected: [] };
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it. */
export function fingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

/** The key type named inside an SSH wire-format key blob (`ssh-ed25519`, `ssh-rsa`, …). */
export function keyTypeOf(key: Buffer): string | undefined {
  if (key.length < 4) return undefined;
  const length = key.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > key.length) return undefined;
  return key.subarray(4, 4 + length).toString('latin1');
}

/** One known_hosts line for `host:port` (plain, not hashed: our own trust store stays readable). */
export function formatEntry(host: string, port: number, key: Buffer): string {
  return `${hostKeyName(host, port)} ${keyTypeOf(key) ?? 'unknown'} ${key.toString('base64')}`;
}

function hashedMatches(entry: string, name: string): boolean {
  const [, , salt, hash] = entry.split('|');
  if (!salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

function wildcardMatches(pattern: string, name: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(name);
}
