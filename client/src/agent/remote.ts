// Runs one command on a connection: output streamed as it comes, exit code, a timeout, and cancellation.
// The command's shell reports its PID first, which is also its process group (sshd starts every session
// in a new session), so a cancel or a timeout kills the whole remote process group, not just the channel.
import { StringDecoder } from 'node:string_decoder';
import type { SshConnection } from './connect';
import { redactor } from './redact';

export interface ExecOptions {
  /** Output as it streams, with every secret known to the process masked whole (see redact.ts: a possible
   *  secret's beginning and an unfinished line are held back until the next chunk shows what they are). */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  /** Called once, as the command starts, with a writer to its stdin (for a command that waits for an answer). */
  onStart?: (writeStdin: (text: string) => void) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExecResult {
  /** Exit code; null when the command died from a signal or the channel closed without one. */
  code: number | null;
  signal: string | undefined;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly kind: 'timeout' | 'cancelled' | 'connection',
    message: string,
    readonly partial: Pick<ExecResult, 'stdout' | 'stderr'>,
  ) {
    super(redactor.redact(message));
  }
}

const PID_MARK = '__mks_gitops_pid__';

export async function exec(conn: SshConnection, command: string, options: ExecOptions = {}): Promise<ExecResult> {
  if (options.signal?.aborted) throw new CommandError('cancelled', `Cancelled before running on ${conn.label}`, { stdout: '', stderr: '' });
  const channel = await conn.exec(`echo ${PID_MARK}$$ >&2; ${command}`);
  return new Promise<ExecResult>((resolve, reject) => {
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    let stdout = '';
    let stderr = '';
    let pid: number | undefined;
    let pidKnown: (pid: number | undefined) => void = () => undefined;
    const remotePid = new Promise<number | undefined>((r) => (pidKnown = r));
    let pending = ''; // stderr before the PID line has arrived
    let code: number | null = null;
    let exitSignal: string | undefined;
    let stopping: CommandError | undefined;
    // What goes to the callbacks is redacted as it streams; stdout/stderr in the result stay as they came, for parsing.
    const shownOut = redactor.stream();
    const shownErr = redactor.stream();
    const toStdout = (text: string) => {
      const shown = shownOut.write(text);
      if (shown) options.onStdout?.(shown);
    };
    const toStderr = (text: string) => {
      const shown = shownErr.write(text);
      if (shown) options.onStderr?.(shown);
    };
    const flush = () => {
      const out = shownOut.end();
      if (out) options.onStdout?.(out);
      const err = shownErr.end();
      if (err) options.onStderr?.(err);
    };

    const onStdout = (text: string) => {
      stdout += text;
      if (text) toStdout(text);
    };
    const onStderr = (text: string) => {
      if (pid === undefined) {
        // Login scripts may write to stderr before our PID line: pass those lines on, take the PID line out.
        pending += text;
        const match = new RegExp(`(^|\n)${PID_MARK}(\\d+)\n`).exec(pending);
        if (!match) return;
        pid = Number(match[2]);
        pidKnown(pid);
        text = pending.slice(0, match.index + match[1].length) + pending.slice(match.index + match[0].length);
        pending = '';
      }
      stderr += text;
      if (text) toStderr(text);
    };
    options.onStart?.((text) => channel.write(text));
    channel.on('data', (chunk: Buffer) => onStdout(out.write(chunk)));
    channel.stderr.on('data', (chunk: Buffer) => onStderr(err.write(chunk)));
    channel.on('exit', (exitCode: number | null, signalName?: string) => {
      code = typeof exitCode === 'number' ? exitCode : null;
      exitSignal = signalName ?? undefined;
    });

    const stop = (error: CommandError) => {
      if (stopping) return;
      stopping = error;
      clearTimeout(timer);
      // stdout and stderr travel separately: a cancel may come before the PID line did.
      const killed = remotePid.then((p) => (p && p > 0 ? killGroup(conn, p) : undefined));
      killed.finally(() => {
        flush();
        channel.close();
        reject(new CommandError(error.kind, error.message, { stdout, stderr }));
      });
    };
    const timer = options.timeoutMs
      ? setTimeout(
          () => stop(new CommandError('timeout', `Command timed out after ${options.timeoutMs! / 1000}s on ${conn.label}`, { stdout, stderr })),
          options.timeoutMs,
        )
      : undefined;
    const onAbort = () => stop(new CommandError('cancelled', `Cancelled; the remote command on ${conn.label} was stopped`, { stdout, stderr }));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    channel.on('close', () => {
      pidKnown(undefined);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (stopping) return;
      onStdout(out.end());
      const rest = err.end();
      if (pid === undefined) {
        // The shell never printed its PID line (it died first): what came is plain stderr.
        pid = -1;
        stderr += pending + rest;
        if (pending + rest) toStderr(pending + rest);
      } else {
        onStderr(rest);
      }
      flush();
      if (!conn.isOpen && code === null) {
        reject(new CommandError('connection', `Connection to ${conn.label} was lost while running a command`, { stdout, stderr }));
        return;
      }
      resolve({ code, signal: exitSignal, stdout, stderr });
    });
  });
}

/** TERM to the remote process group, then KILL if it is still there after about 2 s. */
async function killGroup(conn: SshConnection, pid: number): Promise<void> {
  if (!conn.isOpen) return;
  // `kill -0` also sees zombies, which linger where PID 1 does not reap (containers): look for a live member
  // of the group in /proc instead (fields after "comm)": state, ppid, pgrp), with kill -0 where there is no /proc.
  const script = [
    `kill -TERM -- -${pid} 2>/dev/null || exit 0`,
    'alive() {',
    `  [ -d /proc/self ] || { kill -0 -- -${pid} 2>/dev/null; return; }`,
    '  for f in /proc/[0-9]*/stat; do',
    '    read -r line < "$f" 2>/dev/null || continue',
    '    set -- ${line##*) }',
    `    [ "$3" = ${pid} ] && [ "$1" != Z ] && return 0`,
    '  done',
    '  return 1',
    '}',
    'for i in 1 2 3 4 5 6 7 8 9 10; do alive || exit 0; sleep 0.2; done',
    `kill -KILL -- -${pid} 2>/dev/null; true`,
  ].join('\n');
  try {
    const channel = await conn.exec(script);
    await new Promise<void>((resolve) => {
      channel.on('close', () => resolve());
      channel.resume();
      channel.stderr.resume();
    });
  } catch {
    // The connection went away: sshd then hangs up on the session itself.
  }
}

/** Quotes a value for a POSIX shell command line. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Placeholders `{file}` `{name}` `{project}` `{taskset}`, each shell-quoted. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? shellQuote(values[key]) : whole));
}
