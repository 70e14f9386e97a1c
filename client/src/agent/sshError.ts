// The one error type of the SSH code: what went wrong (kind), on which host, and why (redacted).
import { redactor } from './redact';

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
