// Reads a `feature-gates` flag value ("A=true,B=false") the way Kubernetes does (component-base
// cli/flag MapStringBool.Set: split on ",", skip empty parts, split each at the first "=", trim both sides,
// strconv.ParseBool the value), keeping where each part is in the string so findings can point at it.

export interface GateEntry {
  /** The trimmed name (may be empty: "=true"). */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The trimmed value text, undefined when there is no "=". */
  valueText: string | undefined;
  valueStart: number;
  valueEnd: number;
  /** The parsed value; undefined when there is no "=" or the value is not a Go boolean. */
  value: boolean | undefined;
  /** Start and end of the whole part between commas (untrimmed). */
  partStart: number;
  partEnd: number;
}

/** Go's strconv.ParseBool accepts exactly these. */
const GO_BOOLS: Record<string, boolean> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

export function parseGoBool(text: string): boolean | undefined {
  return Object.prototype.hasOwnProperty.call(GO_BOOLS, text) ? GO_BOOLS[text] : undefined;
}

export function parseFeatureGates(text: string): GateEntry[] {
  const entries: GateEntry[] = [];
  let partStart = 0;
  for (const part of text.split(',')) {
    const partEnd = partStart + part.length;
    if (part.length > 0) {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      const name = trimmed(rawName, partStart);
      if (eq < 0) {
        entries.push({ ...nameOf(name), valueText: undefined, valueStart: partEnd, valueEnd: partEnd, value: undefined, partStart, partEnd });
      } else {
        const v = trimmed(part.slice(eq + 1), partStart + eq + 1);
        entries.push({ ...nameOf(name), valueText: v.text, valueStart: v.start, valueEnd: v.end, value: parseGoBool(v.text), partStart, partEnd });
      }
    }
    partStart = partEnd + 1;
  }
  return entries;
}

const nameOf = (t: { text: string; start: number; end: number }) => ({ name: t.text, nameStart: t.start, nameEnd: t.end });

/** Go's strings.TrimSpace, with the offsets of what is left (an all-space part keeps a zero-width spot). */
function trimmed(s: string, offset: number): { text: string; start: number; end: number } {
  const lead = s.length - s.trimStart().length;
  const text = s.trim();
  return { text, start: offset + lead, end: offset + lead + text.length };
}
