// Reads a host's clock inside a command that also does other work (one exec per host). Timing the whole command
// would count session start-up, login scripts and the other checks as clock difference, which made load look
// like skew. Instead the script says it is ready, we answer on its stdin, and it prints `date` at once: the
// remote reading lies between our answer and the line's arrival, so the offset is taken at the midpoint and is
// good to half of that one short round trip.
import { parseEpoch } from './preflightChecks';

/** Put first in the host's script; its output is the `clock` section. */
export const CLOCK_SCRIPT = 'echo @@clock-ready; read -r mks_gitops_go; echo @@clock; date +%s.%N';

export interface ClockReading {
  /** Remote clock minus ours, in seconds; undefined when the reading was missing or unreadable. */
  offset: number | undefined;
  /** Half the round trip the reading was taken in (seconds): the true offset is within offset ± this. */
  uncertainty: number;
  /** What the host printed (or why nothing), for a message. */
  raw: string;
}

// Login scripts may print a line without its newline: the ready mark may then not start a line.
const READY = /@@clock-ready\n/;
const READING = /(^|\n)@@clock\n([^\n]*)\n/;

/** Follows one command's stdout (`onStdout`), answers the ready line on its stdin (`onStart`), times the reading. */
export class ClockProbe {
  private seen = '';
  private writeStdin: ((text: string) => void) | undefined;
  private askedAt: number | undefined;
  private answeredAt: number | undefined;

  readonly onStart = (writeStdin: (text: string) => void): void => {
    this.writeStdin = writeStdin;
  };

  readonly onStdout = (text: string): void => {
    const now = Date.now();
    if (this.answeredAt !== undefined) return;
    this.seen += text;
    if (this.askedAt === undefined && READY.test(this.seen)) {
      this.askedAt = now;
      this.writeStdin?.('\n');
    } else if (this.askedAt !== undefined && READING.test(this.seen)) {
      this.answeredAt = now;
    }
  };

  reading(): ClockReading {
    const raw = READING.exec(this.seen)?.[2] ?? this.seen.slice(-200);
    const remote = parseEpoch(raw);
    if (remote === undefined || this.askedAt === undefined || this.answeredAt === undefined) return { offset: undefined, uncertainty: 0, raw };
    return { offset: remote - (this.askedAt + this.answeredAt) / 2000, uncertainty: (this.answeredAt - this.askedAt) / 2000, raw };
  }
}
