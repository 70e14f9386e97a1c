// Connections against a real OpenSSH sshd: each auth method, host-key trust, jump through the agent host,
// and the connect faults (host down, auth refused, changed host key). No secret may appear in any message.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAuth, type AuthOptions, type SecretProvider } from '../../client/src/agent/auth';
import { connect } from '../../client/src/agent/connect';
import { SshError } from '../../client/src/agent/sshError';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { fingerprint, formatEntry } from '../../client/src/agent/knownHosts';
import { CommandError, exec } from '../../client/src/agent/remote';
import { addLoopbackAddresses, freePort, isAlive, makeKeys, makeTempDir, removeDir, startSshAgent, startSshd, TEST_PASSPHRASE, type Keys, type LoopbackBlock, type Sshd, type SshAgent } from '../support/sshd';
import { expectNoSecrets } from '../support/secrets';

let dir: string;
let keys: Keys;
let agentHost: Sshd;
let node: Sshd;
let sshAgent: SshAgent;
let lo: LoopbackBlock;
let NODE_IP: string;
const messages: string[] = [];

beforeAll(async () => {
  dir = makeTempDir('connect');
  keys = makeKeys(dir);
  lo = addLoopbackAddresses(1);
  NODE_IP = lo.addresses[0];
  agentHost = await startSshd({ dir: path.join(dir, 'agent'), listen: '127.0.0.1', hostname: 'agent-host', authorizedKeys: keys.authorizedKeys });
  node = await startSshd({ dir: path.join(dir, 'node'), listen: NODE_IP, hostname: 'node-a', authorizedKeys: keys.authorizedKeys });
  sshAgent = startSshAgent(dir, [keys.encrypted]);
});

afterAll(() => {
  agentHost?.kill();
  node?.kill();
  sshAgent?.stop();
  lo?.remove();
  expectNoSecrets(messages.join('\n'), keys);
  removeDir(dir);
});

const trustingPolicy = (name: string, entries: string[] = []) => {
  const file = path.join(dir, `${name}.known_hosts`);
  writeFileSync(file, entries.join('\n') + '\n');
  return new HostKeyPolicy({ trustStoreFile: file, userKnownHostsFiles: [] });
};
const known = (s: Sshd) => formatEntry(s.host, s.port, s.hostKeyBlob);

async function open(server: Sshd, auth: AuthOptions, policy = trustingPolicy('t', [known(agentHost), known(node)])) {
  const prepared = await prepareAuth(auth);
  return connect({ target: { host: server.host, port: server.port, username: 'root' }, auth: prepared, hostKeys: policy, readyTimeoutMs: 5000, keepaliveIntervalMs: 5000 });
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SshError);
  messages.push((error as Error).message);
  return error as SshError;
}

class MemorySecrets implements SecretProvider {
  readonly values = new Map<string, string>();
  async get(id: string) {
    return this.values.get(id);
  }
  async store(id: string, value: string) {
    this.values.set(id, value);
  }
  async delete(id: string) {
    this.values.delete(id);
  }
}

describe('authentication', () => {
  it('uses a plain private key file', async () => {
    const conn = await open(agentHost, { identityFile: keys.plain, useAgent: false });
    const result = await exec(conn, 'hostname');
    expect(result).toMatchObject({ code: 0, stdout: 'agent-host\n', stderr: '' });
    conn.close();
  });

  it('asks for the passphrase of an encrypted key once and keeps it in the secret provider', async () => {
    const secrets = new MemorySecrets();
    let asked = 0;
    const askPassphrase = async () => (asked++, TEST_PASSPHRASE);
    const first = await open(agentHost, { identityFile: keys.encrypted, useAgent: false, secrets, askPassphrase });
    expect((await exec(first, 'echo ok')).stdout).toBe('ok\n');
    first.close();
    const second = await open(agentHost, { identityFile: keys.encrypted, useAgent: false, secrets, askPassphrase });
    second.close();
    expect(asked).toBe(1);
    expect([...secrets.values.values()]).toEqual([TEST_PASSPHRASE]);
  });

  it('refuses a wrong passphrase with a clear message that does not contain it', async () => {
    const wrong = 'wrong-passphrase-XYZZY';
    const error = await failure(open(agentHost, { identityFile: keys.encrypted, useAgent: false, askPassphrase: async () => wrong }));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(`Private key ${keys.encrypted} is encrypted and the passphrase given was wrong (2 tries)`);
    expect(error.message).not.toContain(wrong);
  });

  it('says "needs passphrase" (and asks nobody) when no one may be asked and none is stored; a declined prompt is an auth failure', async () => {
    const needed = await failure(open(agentHost, { identityFile: keys.encrypted, useAgent: false, secrets: new MemorySecrets() }));
    expect(needed).toMatchObject({ kind: 'passphrase-needed', keyFile: keys.encrypted, message: `Private key ${keys.encrypted} needs its passphrase (no passphrase is stored)` });
    const declined = await failure(open(agentHost, { identityFile: keys.encrypted, useAgent: false, askPassphrase: async () => undefined }));
    expect(declined).toMatchObject({ kind: 'auth', message: `Private key ${keys.encrypted} is encrypted and no passphrase was given` });
  });

  it('uses the ssh-agent, offering only the configured identity', async () => {
    const conn = await open(agentHost, { identityFile: keys.encrypted, useAgent: true, agentSocket: sshAgent.socket, askPassphrase: async () => { throw new Error('must not ask'); } });
    expect((await exec(conn, 'echo via-agent')).stdout).toBe('via-agent\n');
    conn.close();
  });

  it('falls back to the key file when the ssh-agent is empty', async () => {
    mkdirSync(path.join(dir, 'empty-agent'));
    const empty = startSshAgent(path.join(dir, 'empty-agent'), []);
    try {
      const conn = await open(agentHost, { identityFile: keys.plain, useAgent: true, agentSocket: empty.socket });
      conn.close();
      const prepared = await prepareAuth({ identityFile: keys.plain, useAgent: true, agentSocket: empty.socket });
      expect(prepared.methods.map((m) => m.describe)).toEqual([`key ${keys.plain}`]);
    } finally {
      empty.stop();
    }
  });

  it('uses every agent key when no identity is configured', async () => {
    const conn = await open(agentHost, { useAgent: true, agentSocket: sshAgent.socket });
    conn.close();
  });

  it('reports refused authentication, naming the host and what was tried', async () => {
    const error = await failure(open(agentHost, { identityFile: keys.stranger, useAgent: false }));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain(`root@127.0.0.1:${agentHost.port}`);
    expect(error.message).toContain(`key ${keys.stranger}`);
  });
});

describe('host keys', () => {
  it('refuses an unknown host key by default, showing its SHA256 fingerprint, before any authentication', async () => {
    const authLines = () => agentHost.log().split('\n').filter((l) => /publickey|Postponed|Accepted|Failed/.test(l)).length;
    const before = authLines();
    const error = await failure(open(agentHost, { identityFile: keys.plain, useAgent: false }, trustingPolicy('empty')));
    expect(error.kind).toBe('host-key');
    expect(error.message).toBe(`Unknown host key for 127.0.0.1:${agentHost.port} (${fingerprint(agentHost.hostKeyBlob)}); not trusted. Verify the fingerprint, then accept it (CLI: --accept-new).`);
    expect(authLines()).toBe(before);
  });

  it('asks about an unknown key, then remembers it (trust on first use)', async () => {
    const store = path.join(dir, 'tofu.known_hosts');
    const asked: string[] = [];
    const policy = new HostKeyPolicy({ trustStoreFile: store, userKnownHostsFiles: [], ask: async (host, fp) => (asked.push(`${host} ${fp}`), true) });
    (await open(agentHost, { identityFile: keys.plain, useAgent: false }, policy)).close();
    (await open(agentHost, { identityFile: keys.plain, useAgent: false }, policy)).close();
    expect(asked).toEqual([`127.0.0.1:${agentHost.port} ${fingerprint(agentHost.hostKeyBlob)}`]);
    expect(readFileSync(store, 'utf8')).toContain(known(agentHost));
  });

  it('refuses a changed host key, showing expected and received fingerprints', async () => {
    const policy = trustingPolicy('changed', [formatEntry(agentHost.host, agentHost.port, node.hostKeyBlob)]);
    const error = await failure(open(agentHost, { identityFile: keys.plain, useAgent: false }, policy));
    expect(error.kind).toBe('host-key');
    expect(error.message).toContain(`expected ${fingerprint(node.hostKeyBlob)}, got ${fingerprint(agentHost.hostKeyBlob)}`);
  });

  it('reads the user known_hosts without writing to it', async () => {
    const userFile = path.join(dir, 'user_known_hosts');
    writeFileSync(userFile, known(agentHost) + '\n');
    const policy = new HostKeyPolicy({ trustStoreFile: path.join(dir, 'own.known_hosts'), userKnownHostsFiles: [userFile] });
    (await open(agentHost, { identityFile: keys.plain, useAgent: false }, policy)).close();
    expect(readFileSync(userFile, 'utf8')).toBe(known(agentHost) + '\n');
  });
});

describe('jump through the agent host', () => {
  it('reaches a node by its private address through the agent, verifying the node key too', async () => {
    const auth = await prepareAuth({ identityFile: keys.plain, useAgent: false });
    const policy = trustingPolicy('jump', [known(agentHost), known(node)]);
    const base = { auth, hostKeys: policy, readyTimeoutMs: 5000, keepaliveIntervalMs: 5000 };
    const via = await connect({ ...base, target: { host: agentHost.host, port: agentHost.port, username: 'root' } });
    const conn = await connect({ ...base, via, target: { host: NODE_IP, port: node.port, username: 'root' } });
    expect((await exec(conn, 'hostname')).stdout).toBe('node-a\n');
    const bad = await failure(connect({ ...base, via, hostKeys: trustingPolicy('jump-unknown', [known(agentHost)]), target: { host: NODE_IP, port: node.port, username: 'root' } }));
    expect(bad.kind).toBe('host-key');
    conn.close();
    via.close();
  });
});

describe('handshake timeout', () => {
  it('gives up on a server that never speaks SSH', async () => {
    const silent = net.createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const prepared = await prepareAuth({ identityFile: keys.plain, useAgent: false });
      const error = await failure(connect({ target: { host: '127.0.0.1', port, username: 'root' }, auth: prepared, hostKeys: trustingPolicy('silent'), readyTimeoutMs: 500, keepaliveIntervalMs: 5000 }));
      expect(error).toMatchObject({ kind: 'timeout', message: `Timed out connecting to root@127.0.0.1:${port} (no SSH handshake within 0.5s)` });
    } finally {
      silent.close();
    }
  });

  it('does not count the time the user takes to answer the host-key question', async () => {
    const policy = new HostKeyPolicy({ trustStoreFile: path.join(dir, 'slow.known_hosts'), userKnownHostsFiles: [], ask: () => new Promise((r) => setTimeout(() => r(true), 2500)) });
    const prepared = await prepareAuth({ identityFile: keys.plain, useAgent: false });
    const conn = await connect({ target: { host: agentHost.host, port: agentHost.port, username: 'root' }, auth: prepared, hostKeys: policy, readyTimeoutMs: 2000, keepaliveIntervalMs: 5000 });
    conn.close();
  });
});

describe('faults', () => {
  it('a connection lost while the host-key question is open fails once, and the late answer reaches nobody', async () => {
    // A loopback relay in front of the agent host, so the test can cut this one connection mid-handshake.
    const relayed: net.Socket[] = [];
    const relay = net.createServer((down) => {
      const up = net.connect(agentHost.port, '127.0.0.1');
      down.pipe(up).pipe(down);
      down.on('error', () => undefined);
      up.on('error', () => undefined);
      relayed.push(down, up);
    }).listen(0, '127.0.0.1');
    await new Promise((r) => relay.once('listening', r));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let attemptEnded!: () => void;
    const ended = new Promise<void>((r) => (attemptEnded = r));
    let answered!: () => void;
    const answerGiven = new Promise<void>((r) => (answered = r));
    const policy = new HostKeyPolicy({
      trustStoreFile: path.join(dir, 'lost.known_hosts'),
      userKnownHostsFiles: [],
      ask: async () => {
        for (const socket of relayed) socket.destroy(); // the network goes while the user reads the fingerprint
        await ended; // … and the user answers only after the attempt has failed
        setImmediate(answered);
        return true;
      },
    });
    try {
      const port = (relay.address() as net.AddressInfo).port;
      const prepared = await prepareAuth({ identityFile: keys.plain, useAgent: false });
      const attempt = connect({ target: { host: '127.0.0.1', port, username: 'root' }, auth: prepared, hostKeys: policy, readyTimeoutMs: 5000, keepaliveIntervalMs: 5000 });
      const error = await failure(attempt.finally(attemptEnded));
      expect(error.kind).toBe('unreachable');
      await answerGiven; // the policy's answer has been delivered (or dropped) by now
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      relay.close();
    }
  });


  it('reports a host that is down', async () => {
    const port = await freePort();
    const prepared = await prepareAuth({ identityFile: keys.plain, useAgent: false });
    const error = await failure(connect({ target: { host: '127.0.0.1', port, username: 'root' }, auth: prepared, hostKeys: trustingPolicy('down'), readyTimeoutMs: 3000, keepaliveIntervalMs: 5000 }));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`Cannot connect to root@127.0.0.1:${port}: ECONNREFUSED`);
  });
});

describe('remote commands', () => {
  it('streams output and returns the exit code', async () => {
    const conn = await open(agentHost, { identityFile: keys.plain, useAgent: false });
    const chunks: string[] = [];
    const result = await exec(conn, 'echo one; echo two >&2; exit 3', { onStdout: (t) => chunks.push(t), onStderr: (t) => chunks.push(t) });
    expect(result).toMatchObject({ code: 3, stdout: 'one\n', stderr: 'two\n' });
    expect(chunks.join('')).toContain('one\n');
    conn.close();
  });

  it('passes on what login scripts write to stderr, and still finds the PID to stop the command', async () => {
    const noise = path.join(dir, 'noise.sh');
    writeFileSync(noise, 'echo "welcome to the agent host" >&2\n');
    const noisy = await startSshd({ dir: path.join(dir, 'noisy'), listen: '127.0.0.1', hostname: 'noisy', authorizedKeys: keys.authorizedKeys, extraConfig: [`SetEnv BASH_ENV=${noise}`] });
    try {
      const conn = await open(noisy, { identityFile: keys.plain, useAgent: false }, trustingPolicy('noisy', [known(noisy)]));
      // (Every bash the login starts sources BASH_ENV, so the greeting may come more than once.)
      expect(await exec(conn, 'echo err >&2')).toMatchObject({ code: 0, stderr: expect.stringMatching(/^(welcome to the agent host\n)+err\n$/) });
      const pidFile = path.join(dir, 'noisy.pid');
      const error = await exec(conn, `sleep 60 & echo $! > ${pidFile}; wait`, { timeoutMs: 1000 }).catch((e: unknown) => e);
      expect((error as CommandError).kind).toBe('timeout');
      expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
      conn.close();
    } finally {
      noisy.kill();
    }
  });

  it('times out and kills the remote process group', async () => {
    const conn = await open(agentHost, { identityFile: keys.plain, useAgent: false });
    const pidFile = path.join(dir, 'timeout.pid');
    const error = await exec(conn, `sleep 60 & echo $! > ${pidFile}; wait`, { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).kind).toBe('timeout');
    expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    conn.close();
  });

  it('cancels through an AbortSignal and the remote process is gone', async () => {
    const conn = await open(agentHost, { identityFile: keys.plain, useAgent: false });
    const pidFile = path.join(dir, 'cancel.pid');
    const controller = new AbortController();
    const running = exec(conn, `sleep 60 & echo $! > ${pidFile}; echo started; wait`, {
      signal: controller.signal,
      onStdout: (t) => t.includes('started') && controller.abort(),
    });
    const error = await running.catch((e: unknown) => e);
    expect((error as CommandError).kind).toBe('cancelled');
    expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    conn.close();
  });
});
