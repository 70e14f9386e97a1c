// Files on the agent host, per cluster under `<workdir>/<cluster>/`: the lock directory, atomic writes over
// SFTP (temporary name, fsync, rename over the real name), and the record of the last successful apply.
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { SFTPWrapper } from 'ssh2';
import type { SshConnection } from './connect';
import { exec, shellQuote } from './remote';

export interface ClusterPaths {
  dir: string;
  spec: string;
  record: string;
  revisions: string;
  lock: string;
}

/** A cluster name we are willing to make a directory of (DNS-label-like: no `/`, no `..`). */
export const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Paths relative to the login's home unless the workdir is absolute (SFTP and the shell both start there). */
export function clusterPaths(workdir: string, cluster: string): ClusterPaths {
  if (!CLUSTER_NAME.test(cluster)) throw new Error(`"${cluster}" is not a valid cluster name (lowercase letters, digits and -)`);
  const base = workdir.replace(/^~\/?/, '').replace(/\/+$/, '') || '.';
  const dir = `${base}/${cluster}`;
  return { dir, spec: `${dir}/spec.yaml`, record: `${dir}/applied.json`, revisions: `${dir}/revisions`, lock: `${dir}/.lock` };
}

export interface LockOwner {
  id: string;
  user: string;
  host: string;
  pid: number;
  since: string;
  /** PID of the remote process that holds the lock for as long as our connection lives. */
  holderPid?: number;
}

export class LockHeldError extends Error {
  constructor(
    readonly owner: Partial<LockOwner> | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface Lock {
  owner: LockOwner;
  /** Set when a stale lock (its holder gone) was broken to get this one. */
  brokeStale: Partial<LockOwner> | undefined;
  release(): Promise<void>;
}

/**
 * `mkdir` is atomic on the agent host, so the first apply to create the lock directory holds it. The lock is
 * held by a remote `cat` on an open channel: it ends when we release, and also when our connection dies (its
 * stdin closes), so a lock whose holder process is gone is stale and the next apply breaks it.
 */
export async function acquireLock(conn: SshConnection, paths: ClusterPaths, timeoutMs: number): Promise<Lock> {
  const owner: LockOwner = { id: randomBytes(8).toString('hex'), user: userInfo().username, host: hostname(), pid: process.pid, since: new Date().toISOString() };
  const lock = shellQuote(paths.lock);
  const ownerFile = `${lock}/owner.json`;
  const script = [
    `mkdir -p ${shellQuote(paths.revisions)} || exit 3`,
    `if [ -d ${lock} ]; then`,
    `  holder=$(sed -n 's/.*"holderPid":\\([0-9]*\\).*/\\1/p' ${ownerFile} 2>/dev/null)`,
    // The holder's state letter; empty when it is gone. A zombie (Z) is gone too: it waits only to be reaped.
    `  state=$([ -n "$holder" ] && sed 's/.*) \\(.\\).*/\\1/' /proc/$holder/stat 2>/dev/null)`,
    // No owner file yet: another apply may be between its mkdir and its write, so only an old one is stale.
    `  if { [ -n "$holder" ] && { [ -z "$state" ] || [ "$state" = Z ]; }; } || { [ -z "$holder" ] && [ $(( $(date +%s) - $(stat -c %Y ${lock}) )) -gt 60 ]; }; then`,
    `    echo STALE; cat ${ownerFile} 2>/dev/null; echo; rm -rf ${lock}`,
    '  fi',
    'fi',
    `if mkdir ${lock} 2>/dev/null; then`,
    `  printf '%s%s}\\n' ${shellQuote(JSON.stringify(owner).slice(0, -1) + ',"holderPid":')} "$$" > ${ownerFile}`,
    // Leftovers of uploads cut short (we hold the lock, so nobody else is writing them).
    `  rm -f ${shellQuote(paths.dir)}/*.tmp-* ${shellQuote(paths.revisions)}/*.tmp-*`,
    '  echo ACQUIRED',
    '  exec cat >/dev/null',
    `else echo HELD; cat ${ownerFile} 2>/dev/null; echo; fi`,
  ].join('\n');
  const holder = await conn.exec(script);
  let errors = '';
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      holder.close();
      reject(new Error(`Timed out taking the lock on ${conn.label}`));
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      resolve(out);
    };
    holder.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/^ACQUIRED$/m.test(out)) settle();
    });
    holder.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    holder.on('close', settle);
  });
  const lines = stdout.split('\n');
  const stale = lines[0] === 'STALE' ? (parseOwner(lines[1]) ?? {}) : undefined;
  if (lines.includes('ACQUIRED')) {
    return {
      owner,
      brokeStale: stale,
      release: async () => {
        // Only our own lock: if it was broken as stale and taken by someone else, theirs stays.
        await exec(conn, `grep -q ${shellQuote(`"id":"${owner.id}"`)} ${ownerFile} 2>/dev/null && rm -rf ${lock}; true`, { timeoutMs }).catch(() => undefined);
        holder.end();
      },
    };
  }
  if (lines.includes('HELD')) {
    const who = parseOwner(lines[lines.indexOf('HELD') + 1]);
    const name = who ? `${who.user ?? '?'}@${who.host ?? '?'} (pid ${who.pid ?? '?'}, since ${who.since ?? '?'})` : 'an unknown owner';
    throw new LockHeldError(who, `Another apply of this cluster is running: locked by ${name} on ${conn.label} (${paths.lock}). Try again when it has finished.`);
  }
  const why = errors.trim().split('\n').pop() || `unexpected output ${JSON.stringify(stdout.slice(0, 120))}`;
  throw new Error(`Cannot take the lock in ${paths.dir} on ${conn.label}: ${why}`);
}

function parseOwner(line: string | undefined): Partial<LockOwner> | undefined {
  try {
    const value = JSON.parse(line ?? '');
    return value && typeof value === 'object' ? (value as Partial<LockOwner>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `content` to `path` so readers see the old file or the whole new one, never a part. */
export async function writeAtomically(sftp: SFTPWrapper, path: string, content: string | Buffer): Promise<void> {
  const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  try {
    const handle = await call<Buffer>((cb) => sftp.open(tmp, 'w', { mode: 0o644 }, cb));
    try {
      for (let offset = 0; offset < data.length; ) {
        const length = Math.min(32 * 1024, data.length - offset);
        await call<void>((cb) => sftp.write(handle, data, offset, length, offset, (err) => cb(err)));
        offset += length;
      }
      await call<void>((cb) => sftp.ext_openssh_fsync(handle, (err) => cb(err))).catch(() => undefined); // not every server has it
    } finally {
      await call<void>((cb) => sftp.close(handle, (err) => cb(err))).catch(() => undefined);
    }
    await call<void>((cb) => sftp.ext_openssh_rename(tmp, path, (err) => cb(err)));
  } catch (error) {
    await call<void>((cb) => sftp.unlink(tmp, (err) => cb(err))).catch(() => undefined);
    throw error;
  }
}

async function readFileOrUndefined(sftp: SFTPWrapper, path: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = sftp.createReadStream(path);
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', (error: Error & { code?: number }) => (error.code === 2 ? resolve(undefined) : reject(error)));
  });
}

/**
 * The cluster's `applied.json` and `spec.yaml` as text (undefined where absent). Guarded: ssh2 leaves SFTP reads
 * pending forever when the connection drops, so a lost connection rejects instead.
 */
export async function readAppliedFiles(conn: SshConnection, paths: ClusterPaths): Promise<{ recordText: string | undefined; specText: string | undefined }> {
  const sftp = await conn.sftp();
  try {
    const [recordText, specText] = await conn.guard(Promise.all([readFileOrUndefined(sftp, paths.record), readFileOrUndefined(sftp, paths.spec)]));
    return { recordText, specText };
  } finally {
    sftp.end();
  }
}

export async function realPath(sftp: SFTPWrapper, path: string): Promise<string> {
  return call<string>((cb) => sftp.realpath(path, cb));
}

function call<T>(fn: (cb: (err: Error | undefined | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

/** `applied.json`: what was last applied successfully (written only after success). */
export interface AppliedRecord {
  cluster: string;
  project: string | undefined;
  /** specHash() (client/src/sync/normalize.ts) of the applied document. */
  specHash: string;
  /** The revision file holding exactly what was applied. */
  revision: string;
  gitCommit: string | undefined;
  appliedAt: string;
  user: string;
  tasksetId: string | undefined;
  tasksetStatus: string | undefined;
}

export function parseRecord(text: string | undefined): AppliedRecord | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<AppliedRecord>;
    return typeof value?.specHash === 'string' && typeof value.cluster === 'string' ? (value as AppliedRecord) : undefined;
  } catch {
    return undefined;
  }
}
