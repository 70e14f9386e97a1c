// Keeps secrets out of every message, log line and error we produce: private key blocks, passphrases and
// anything the caller registered as secret are replaced before text leaves the agent code.

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
/** `passphrase: x`, `"passphrase":"x"`, `MKS_GITOPS_PASSPHRASE=x` and the like. */
const SECRET_ASSIGNMENT = /((?:passphrase|password|privateKey|private_key|api[_-]?key|token)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi;

export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never appear in output (too short values would redact ordinary words). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text.replace(PRIVATE_KEY_BLOCK, REDACTED).replace(SECRET_ASSIGNMENT, `$1${REDACTED}`);
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}

/** The process-wide redactor: connect.ts registers passphrases here as soon as it reads them. */
export const redactor = new Redactor();
