// Keeps secrets out of every message, log line and error we produce: private key blocks, passphrases and
// anything the caller registered as secret are replaced before text leaves the agent code.
//   redactor.redact(text)      one finished text (an error, a summary)
//   redactor.stream()          a command's output as it streams: a secret split across chunks, or spread over
//                              several lines, is still masked whole (the possible start of one is held back)
//   maskCommand(command)       a configured command line as logged: values of sensitive-looking arguments masked

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const PRIVATE_KEY_START = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g;
const PRIVATE_KEY_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;

/** Where the first key block without its END line starts; the text's length when there is none. */
function unfinishedKeyBlock(text: string): number {
  for (const start of text.matchAll(PRIVATE_KEY_START)) {
    if (!PRIVATE_KEY_END.test(text.slice(start.index))) return start.index;
  }
  return text.length;
}
/** `passphrase: x`, `"passphrase":"x"`, `MKS_GITOPS_PASSPHRASE=x` and the like. */
const SECRET_ASSIGNMENT = /((?:passphrase|password|passwd|secret|privateKey|private_key|api[_-]?key|token)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi;

export const REDACTED = '[redacted]';

/** A partial line is held back at most this long while streaming (then its safe part goes out). */
const MAX_HELD_LINE = 4096;

export class Redactor {
  /** Longest first, so a secret that contains another is masked whole. */
  private secrets: string[] = [];

  /** Registers a value that must never appear in output (too short values would redact ordinary words). */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4) return;
    // A multi-line secret may come back with CRLF line ends (a terminal, a Windows tool) or without its last newline.
    const variants = [secret, secret.replace(/\r?\n/g, '\r\n'), secret.replace(/\r?\n$/, '')].filter((v) => v.length >= 4);
    this.secrets = [...new Set([...this.secrets, ...variants])].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text.replace(PRIVATE_KEY_BLOCK, REDACTED).replace(SECRET_ASSIGNMENT, `$1${REDACTED}`);
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A redacting filter for one output stream: `write` what arrived, get what may be shown; `end` flushes the rest. */
  stream(): RedactingStream {
    return new RedactingStream(this);
  }

  /** How much of the end of `text` could be the beginning of a registered secret (0 = none). */
  heldSuffix(text: string): number {
    let held = 0;
    for (const secret of this.secrets) {
      for (let n = Math.min(secret.length - 1, text.length); n > held; n--) {
        if (text.endsWith(secret.slice(0, n))) {
          held = n;
          break;
        }
      }
    }
    return held;
  }
}

/**
 * Streams text with every secret masked whole. What is held back: an unfinished line (an assignment such as
 * `token=…` may go on in the next chunk), the end of the text that could start a registered secret (even one
 * that spans lines), and a private key block until its END line. Complete lines without such a tail go out at once.
 */
export class RedactingStream {
  private pending = '';

  constructor(private readonly redactor: Redactor) {}

  write(chunk: string): string {
    const text = this.pending + chunk;
    // An unfinished key block waits whole for its END line (or the end of the stream).
    const open = unfinishedKeyBlock(text);
    const head = this.redactor.redact(text.slice(0, open));
    let cut = head.length;
    const lineEnd = head.lastIndexOf('\n') + 1;
    if (head.length - lineEnd <= MAX_HELD_LINE) cut = lineEnd;
    cut = Math.min(cut, head.length - this.redactor.heldSuffix(head));
    this.pending = head.slice(cut) + text.slice(open);
    return head.slice(0, cut);
  }

  end(): string {
    const out = this.redactor.redact(this.pending);
    this.pending = '';
    return out;
  }
}

// Argument names whose value is a secret: `--password VALUE`, `--api-key=VALUE`, `token=VALUE`, `RCTL_API_KEY=VALUE`.
const SENSITIVE_NAME = String.raw`[A-Za-z0-9_-]*(?:passphrase|password|passwd|secret|token|api[_-]?key|apikey|private[_-]?key)[A-Za-z0-9_-]*`;
const VALUE = String.raw`(?:'[^']*'|"(?:[^"\\]|\\.)*"|(?:[^\s'"\\]|\\.)+)+`;
const FLAG_WITH_VALUE = new RegExp(String.raw`(^|\s)(--?${SENSITIVE_NAME})(\s+|=)(?!-)(${VALUE})`, 'gi');
const NAME_EQUALS_VALUE = new RegExp(String.raw`(^|[\s;&|(])(${SENSITIVE_NAME})=(${VALUE})`, 'gi');

/** A command line as it may be logged: values of sensitive-looking arguments masked, then any known secret. */
export function maskCommand(command: string, using: Redactor = redactor): string {
  const masked = command
    .replace(FLAG_WITH_VALUE, (_whole, lead: string, flag: string, sep: string) => `${lead}${flag}${sep}${REDACTED}`)
    .replace(NAME_EQUALS_VALUE, (_whole, lead: string, name: string) => `${lead}${name}=${REDACTED}`);
  return using.redact(masked);
}

/** The process-wide redactor: connect.ts registers passphrases here as soon as it reads them. */
export const redactor = new Redactor();
