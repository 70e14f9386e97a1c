// Test harness: real OpenSSH sshd processes on loopback, one per "node". Each runs in its own UTS and mount
// namespace (`unshare --uts --mount`), so it has its own hostname and can be given its own /etc/os-release
// (or other files) by bind mounts, and its own PATH (sshd SetEnv) for the rctl double and faked tools.
// Also: keys, an ssh-agent, extra loopback addresses, and cleanup by PID (never by process name).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const TEST_PASSPHRASE = 'correct horse battery staple 42';

export interface Keys {
  dir: string;
  plain: string;
  encrypted: string;
  /** Not in any authorized_keys. */
  stranger: string;
  authorizedKeys: string;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mks-${prefix}-`));
}

export function makeKeys(dir: string): Keys {
  const keygen = (file: string, pass: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', pass, '-C', path.basename(file), '-f', file]);
  const plain = path.join(dir, 'user_plain');
  const encrypted = path.join(dir, 'user_enc');
  const stranger = path.join(dir, 'user_stranger');
  keygen(plain, '');
  keygen(encrypted, TEST_PASSPHRASE);
  keygen(stranger, '');
  const authorizedKeys = path.join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${plain}.pub`, 'utf8') + readFileSync(`${encrypted}.pub`, 'utf8'), { mode: 0o600 });
  return { dir, plain, encrypted, stranger, authorizedKeys };
}

export interface SshdOptions {
  /** Directory for this server's config, host key, PATH dir. */
  dir: string;
  listen: string;
  hostname: string;
  authorizedKeys: string;
  /** Files bind-mounted over system files inside the server's mount namespace: target → content. */
  overlay?: Record<string, string>;
  /** Host key file to reuse (to keep a key across restarts); default: a new one. */
  hostKey?: string;
  /** More sshd_config lines (placed first: sshd keeps the first value it reads). */
  extraConfig?: string[];
}

export interface Sshd {
  host: string;
  port: number;
  hostname: string;
  dir: string;
  /** Directory first on the sessions' PATH (install doubles here). */
  binDir: string;
  hostKey: string;
  /** The host key blob (SSH wire format) as ssh2's hostVerifier sees it. */
  hostKeyBlob: Buffer;
  pid: number;
  log(): string;
  /** Kills the listener and every session process under it (a crash of the server). */
  kill(): void;
}

export async function startSshd(options: SshdOptions): Promise<Sshd> {
  mkdirSync('/run/sshd', { recursive: true });
  const dir = options.dir;
  const binDir = path.join(dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const hostKey = options.hostKey ?? path.join(dir, 'host_ed25519');
  if (!options.hostKey) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const port = await freePort(options.listen);
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      ...(options.extraConfig ?? []),
      `Port ${port}`,
      `ListenAddress ${options.listen}`,
      `HostKey ${hostKey}`,
      'PidFile none',
      `AuthorizedKeysFile ${options.authorizedKeys}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'AllowTcpForwarding yes',
      'MaxStartups 50:30:100',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      `SetEnv PATH=${binDir}:/usr/bin:/bin:/usr/sbin:/sbin`,
      'LogLevel VERBOSE',
    ].join('\n') + '\n',
  );
  const mounts = Object.entries(options.overlay ?? {}).map(([target, content], i) => {
    const source = path.join(dir, `overlay-${i}`);
    writeFileSync(source, content);
    return `mount --bind ${source} ${target} && `;
  });
  const script = `${mounts.join('')}hostname ${options.hostname} && exec /usr/sbin/sshd -D -e -f ${config}`;
  const child = spawn('unshare', ['--uts', '--mount', 'sh', '-c', script], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await waitForListening(child, () => log);
  const pub = readFileSync(`${hostKey}.pub`, 'utf8').split(/\s+/)[1];
  return {
    host: options.listen,
    port,
    hostname: options.hostname,
    dir,
    binDir,
    hostKey,
    hostKeyBlob: Buffer.from(pub, 'base64'),
    pid: child.pid!,
    log: () => log,
    kill: () => killTree(child.pid!),
  };
}

function waitForListening(child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (log().includes('Server listening')) done();
    }, 20);
    const timeout = setTimeout(() => done(new Error(`sshd did not start: ${log()}`)), 10_000);
    const onExit = () => done(new Error(`sshd exited: ${log()}`));
    child.once('exit', onExit);
    function done(error?: Error) {
      clearInterval(check);
      clearTimeout(timeout);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
  });
}

/**
 * The fields of /proc/<pid>/stat after the command name (state first, then ppid, ...; see proc(5)), or undefined
 * when the process is gone.
 */
export function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** SIGKILL to a process and all its descendants (found through /proc, by PID only). */
export function killTree(pid: number): void {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue; // the process ended meanwhile
    const ppid = Number(stat[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  for (const p of all) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Running (a zombie, only waiting to be reaped, counts as gone). */
export function isAlive(pid: number): boolean {
  const state = procStat(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LoopbackBlock {
  /** The node addresses, each added to lo: 127.77.B.11, .12, … */
  addresses: string[];
  /** An address in the same block that is on no interface (a "private IP the node does not have", a host that is down). */
  spare(last: number): string;
  remove(): void;
}

const BLOCK_PREFIX = '127.77.';
const FIRST_HOST = 11;

/**
 * Own addresses on `lo` for test nodes, so each node has its own private IP in `ip addr` (the preflight checks
 * it) while all traffic stays on 127.0.0.0/8. Every call takes a whole block 127.77.B.0/24 that no address on lo
 * uses yet, so test files running side by side, two test runs at once, or a crashed run's leftovers never share
 * one; a block taken by someone else between the look and the add is given back and the next one is tried.
 */
export function addLoopbackAddresses(count: number): LoopbackBlock {
  if (count < 1 || FIRST_HOST + count > 250) throw new Error(`addLoopbackAddresses: ${count} addresses do not fit one block`);
  const start = process.pid % 256;
  for (let i = 0; i < 256; i++) {
    const block = `${BLOCK_PREFIX}${(start + i) % 256}.`;
    if (loopbackAddresses().some((a) => a.startsWith(block))) continue;
    const added: string[] = [];
    const remove = () => {
      for (const address of added.splice(0)) {
        try {
          execFileSync('ip', ['addr', 'del', `${address}/32`, 'dev', 'lo'], { stdio: 'ignore' });
        } catch {
          // already gone
        }
      }
    };
    try {
      for (let host = FIRST_HOST; host < FIRST_HOST + count; host++) {
        execFileSync('ip', ['addr', 'add', `${block}${host}/32`, 'dev', 'lo'], { stdio: 'pipe' });
        added.push(`${block}${host}`);
      }
    } catch (error) {
      remove();
      if (/already assigned|File exists/i.test(String((error as { stderr?: Buffer }).stderr ?? ''))) continue;
      throw error;
    }
    return { addresses: [...added], spare: (last) => `${block}${last}`, remove };
  }
  throw new Error(`addLoopbackAddresses: every block ${BLOCK_PREFIX}0-255 has addresses on lo`);
}

/** The IPv4 addresses on lo now. */
function loopbackAddresses(): string[] {
  const out = execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo'], { encoding: 'utf8' });
  return [...out.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1]);
}

export interface SshAgent {
  socket: string;
  pid: number;
  stop(): void;
}

/** A private ssh-agent holding the given keys (the encrypted one unlocked with TEST_PASSPHRASE via SSH_ASKPASS). */
export function startSshAgent(dir: string, keys: string[]): SshAgent {
  const socket = path.join(dir, 'agent.sock');
  const out = execFileSync('ssh-agent', ['-s', '-a', socket], { encoding: 'utf8' });
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
  const askpass = path.join(dir, 'askpass.sh');
  writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' '${TEST_PASSPHRASE}'\n`, { mode: 0o700 });
  for (const key of keys) {
    execFileSync('ssh-add', [key], {
      env: { ...process.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  }
  return { socket, pid, stop: () => killTree(pid) };
}

/** Removes a temp dir; tests call it in afterAll. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
