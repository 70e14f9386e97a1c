// SSH connections with ssh2: host key checked before authentication (auth.ts prepares the methods), jumps
// through an already open connection. Every error names the host and says why, and never carries a secret.
import { Client, type ClientChannel, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import type { SshTarget } from './agentConfig';
import type { PreparedAuth } from './auth';
import type { HostKeyPolicy } from './hostKeys';
import { SshError } from './sshError';

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
    // Once the attempt has ended (failed, or ready), a late answer of the host-key check must not reach ssh2:
    // after destroy() its handshake state is gone and calling back into it throws (seen under load as an
    // unhandled "protocol._destruct is not a function").
    let ended = false;
    const route = options.via ? `Cannot reach ${label} through ${options.via.label}` : `Cannot connect to ${label}`;
    const fail = (error: SshError) => {
      ended = true;
      clearTimeout(clock);
      client.destroy();
      reject(error);
    };
    const answerHostKey = (verified: (ok: boolean) => void, ok: boolean) => {
      if (ended) return;
      try {
        verified(ok);
      } catch (error) {
        fail(new SshError('closed', label, `Connection to ${label} closed during the handshake: ${(error as Error).message}`));
      }
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
        options.hostKeys.check(target.host, target.port, key, target.knownHostsFiles).then(
          () => {
            if (ended) return;
            startClock();
            answerHostKey(verified, true);
          },
          (error: Error) => {
            hostKeyProblem = error;
            answerHostKey(verified, false);
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
      ended = true;
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
      fail(new SshError('unreachable', label, `${route}: ${why}`));
    });
    // A connection that closes before it is ready without an error (the network went while the host-key question
    // was open, say) ends the attempt too, instead of leaving it waiting for an answer nobody can use.
    client.once('close', () => {
      if (ended) return;
      fail(new SshError('unreachable', label, `${route}: the connection closed during the SSH handshake`));
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
