// The one error type of the SSH code: what went wrong (kind), on which host, and why (redacted).
import { redactor } from './redact';

export type SshErrorKind = 'unreachable' | 'timeout' | 'auth' | 'host-key' | 'key' | 'closed';

export class SshError extends Error {
  constructor(
    readonly kind: SshErrorKind,
    readonly host: string,
    message: string,
  ) {
    super(redactor.redact(message));
  }
}
