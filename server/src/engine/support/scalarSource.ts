// Where each character of a string scalar's value sits in the file, so a finding about part of a string (one
// feature gate in "A=true,B=false", a YAML error inside a block scalar) lands on that part. The value is decoded
// again from the source with its offsets kept, per scalar style (plain, single/double quoted, literal, folded);
// if the result is not exactly the parser's value, the mapping is not trusted and every part maps to the whole
// scalar instead: a wide squiggle, never a wrong one.
import { Scalar, isScalar, type Node } from 'yaml';
import type { Range } from '../findings';
import type { Path, YamlDocument, YamlFile } from '../yamlFile';
import { locate } from '../yamlFile';

export interface ScalarSource {
  readonly value: string;
  /** False when the offsets could not be rebuilt: every range is then the whole scalar. */
  readonly exact: boolean;
  /** The file range of value[start, end). */
  range(start: number, end: number): Range;
  /**
   * The same, but only when value[start, end) is written as is in the file (no escape; a fold only where the
   * value has white space), so replacing that file range replaces exactly those characters.
   */
  editable(start: number, end: number): Range | undefined;
  /** The whole scalar as written (quotes and block header included). */
  readonly whole: Range;
}

/** The string scalar at `path`, or undefined when there is none (absent, not a scalar, not a string). */
export function scalarSourceAt(file: YamlFile, document: YamlDocument, path: Path): ScalarSource | undefined {
  const found = locate(document.doc, path);
  return found.missing === 0 ? scalarSource(file, found.node) : undefined;
}

export function scalarSource(file: YamlFile, node: Node | undefined): ScalarSource | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const value = node.value;
  const [start, valueEnd] = node.range;
  const whole = file.range(start, valueEnd);
  const offsets = decodeOffsets(file.text, start, valueEnd, node.type, value);
  if (!offsets) return { value, exact: false, whole, range: () => whole, editable: () => undefined };
  return {
    value,
    exact: true,
    whole,
    editable(from, to) {
      if (from < 0 || to > value.length || from > to) return undefined;
      const text = file.text;
      const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
      for (let i = from; i < to; i++) {
        const c = value[i];
        const asWritten = text[offsets[i]] === c || ((c === ' ' || c === '\n') && isBreak(text[offsets[i]]));
        // Between two characters the file may only hold what a fold swallowed: line breaks and indentation.
        const gapOk = i === from || offsets[i] === offsets[i - 1] + 1 || (/^[ \t\r\n]*$/.test(text.slice(offsets[i - 1] + 1, offsets[i])) && /\s/.test(value[i - 1]));
        if (!asWritten || !gapOk) return undefined;
      }
      const a = offsets[from];
      return file.range(a, to > from ? offsets[to - 1] + 1 : a);
    },
    range(from, to) {
      const a = offsets[clamp(from, value.length)];
      const lastChar = clamp(to, value.length) - 1;
      const b = lastChar < from ? a : offsets[lastChar] + 1;
      return file.range(a, Math.max(a, b));
    },
  };
}

const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max);

/** offsets[i] = file offset of value[i] (offsets[value.length] = just past the value); undefined if unsure. */
function decodeOffsets(text: string, start: number, end: number, type: Scalar.Type | undefined, value: string): number[] | undefined {
  let decoded: Decoded | undefined;
  switch (type) {
    case Scalar.PLAIN:
      decoded = flow(text, start, end, 'plain');
      break;
    case Scalar.QUOTE_SINGLE:
      decoded = flow(text, start + 1, end - 1, 'single');
      break;
    case Scalar.QUOTE_DOUBLE:
      decoded = flow(text, start + 1, end - 1, 'double');
      break;
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED:
      decoded = block(text, start, end, type === Scalar.BLOCK_FOLDED);
      break;
    default:
      return undefined;
  }
  if (!decoded) return undefined;
  // Block chomping (|-, |, |+) only decides how many of the final line breaks belong to the value.
  const chars = decoded.chars.join('');
  if (!chars.startsWith(value) || !/^\n*$/.test(chars.slice(value.length))) return undefined;
  const offsets = decoded.offsets.slice(0, value.length);
  offsets.push(value.length > 0 ? offsets[value.length - 1] + 1 : decoded.offsets[0] ?? start);
  return offsets;
}

interface Decoded {
  chars: string[];
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Plain and quoted scalars: line breaks fold (one → space, n → n-1 newlines), escapes and '' decode. */
function flow(text: string, from: number, to: number, style: 'plain' | 'single' | 'double'): Decoded | undefined {
  const out: Decoded = { chars: [], offsets: [] };
  const emit = (c: string, at: number) => {
    out.chars.push(c);
    out.offsets.push(at);
  };
  // How many trailing output characters are unescaped white space (they go when a line break follows).
  let trailingSpace = 0;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      out.chars.splice(out.chars.length - trailingSpace);
      out.offsets.splice(out.offsets.length - trailingSpace);
      trailingSpace = 0;
      const at = i;
      let breaks = 0;
      while (i < to && (text[i] === '\n' || text[i] === '\r' || text[i] === ' ' || text[i] === '\t')) {
        if (text[i] === '\n') breaks++;
        i++;
      }
      if (breaks === 1) emit(' ', at);
      else for (let k = 1; k < breaks; k++) emit('\n', at);
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      emit("'", i);
      trailingSpace = 0;
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const e = text[i + 1];
      if (e === '\n' || e === '\r') {
        // An escaped line break joins the lines without a space.
        i += 1;
        while (i < to && (text[i] === '\n' || text[i] === '\r')) i++;
        while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
        trailingSpace = 0;
        continue;
      }
      if (e in SIMPLE_ESCAPES) {
        emit(SIMPLE_ESCAPES[e], i);
        trailingSpace = 0;
        i += 2;
        continue;
      }
      const digits = HEX_ESCAPES[e];
      if (!digits) return undefined;
      const code = Number.parseInt(text.slice(i + 2, i + 2 + digits), 16);
      if (!Number.isFinite(code)) return undefined;
      for (const ch of String.fromCodePoint(code)) emit(ch, i);
      trailingSpace = 0;
      i += 2 + digits;
      continue;
    }
    emit(c, i);
    trailingSpace = c === ' ' || c === '\t' ? trailingSpace + 1 : 0;
    i++;
  }
  if (style === 'plain') {
    out.chars.splice(out.chars.length - trailingSpace);
    out.offsets.splice(out.offsets.length - trailingSpace);
  }
  return out;
}

/** Block scalars (| and >): the header line, then lines at the content indentation; > folds plain lines. */
function block(text: string, start: number, end: number, folded: boolean): Decoded | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { chars: [], offsets: [] };
  // An explicit indentation indicator counts from the parent's indentation, which is not known here.
  if (/\d/.test(text.slice(start, headerEnd).replace(/#.*$/, ''))) return undefined;
  const lines: { start: number; end: number }[] = [];
  for (let s = headerEnd + 1; s < end; ) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > end) e = end;
    lines.push({ start: s, end: text[e - 1] === '\r' ? e - 1 : e });
    s = e + 1;
  }
  const first = lines.find((l) => text.slice(l.start, l.end).trim() !== '');
  if (!first) return { chars: [], offsets: [] };
  const indent = /^ */.exec(text.slice(first.start, first.end))![0].length;
  const out: Decoded = { chars: [], offsets: [] };
  const emit = (c: string, at: number) => {
    out.chars.push(c);
    out.offsets.push(at);
  };
  const isEmpty = (l: { start: number; end: number }) => /^ *$/.test(text.slice(l.start, l.end)) && l.end - l.start <= indent;
  const isPlain = (l: { start: number; end: number }) => !isEmpty(l) && text[l.start + indent] !== ' ' && text[l.start + indent] !== '\t';
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (!isEmpty(line)) {
      if (!/^ *$/.test(text.slice(line.start, line.start + indent))) return undefined;
      for (let i = line.start + indent; i < line.end; i++) emit(text[i], i);
    }
    if (!folded || !isPlain(line)) {
      emit('\n', line.end);
      continue;
    }
    // Folding: a plain line's break becomes a space before the next plain line; empty lines in between stay.
    let next = n + 1;
    while (next < lines.length && isEmpty(lines[next])) next++;
    if (next < lines.length && isPlain(lines[next])) {
      if (next === n + 1) emit(' ', line.end);
      for (let k = n + 1; k < next; k++) emit('\n', lines[k].start);
      n = next - 1;
    } else {
      emit('\n', line.end);
    }
  }
  return out;
}
