// YAML nested deeper than MAX_NESTING never reaches a recursive walk (`yaml`'s composer and `toJS`, the CST walk of
// cstDocuments.ts, the rules, the schema check). Past about a thousand levels the composer runs out of stack; and
// when the stack runs out while V8 compiles a regular expression (the composer catches the overflow at the deepest
// level and reports it from there; scalar tags test regular expressions there) V8 aborts the whole process with
// "FATAL ERROR: RegExpCompiler Allocation failed - process out of memory", which no `catch` can stop. Seen: a
// 5,000-deep flow sequence given to `parseAllDocuments` in a fresh process, and test workers fed hostile documents.
// A hostile or broken file must cost a finding, never the language server or the CLI: the CST (the `yaml` Parser
// builds it without recursion) is measured first, without recursion, and a file nested too deep is not composed.
import { Composer, Parser, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * How deep collections may nest (maps and lists, block or flow, counted from the document). An MKS spec nests about
 * 10 levels, Kubernetes manifests rarely 20; the composer runs out of stack near 900 levels of flow collections on
 * a fresh stack of a 64-bit Node, so 128 keeps every real file and a wide margin for the callers' own frames.
 */
export const MAX_NESTING = 128;

export type ParseAllOptions = ParseOptions & DocumentOptions & SchemaOptions;

export type BoundedParse =
  | { documents: Document.Parsed[]; tooDeep?: undefined }
  | { documents?: undefined; tooDeep: string };

/**
 * `parseAllDocuments(text, options)` (the same Parser and Composer, so the same documents, errors and ranges; errors
 * not prettified, as with the engine's `prettyErrors: false`), unless the text nests deeper than MAX_NESTING: then
 * no document, and `tooDeep` says where (a clause without a full stop). `maxNesting` is less for a part of a text
 * parsed alone that sits that much deeper in the whole.
 */
export function parseAllDocumentsBounded(text: string, options: ParseAllOptions = {}, maxNesting = MAX_NESTING): BoundedParse {
  let tokens: CST.Token[];
  try {
    tokens = Array.from(new Parser(options.lineCounter?.addNewLine).parse(text));
  } catch (error) {
    // The lexer recurses on `- - - …` on one line: thousands of them exhaust the stack before any limit is measured.
    if (error instanceof RangeError) return { tooDeep: `it nests collections more than ${maxNesting} levels deep` };
    throw error;
  }
  const deepest = tooDeepAt(tokens, maxNesting);
  if (deepest !== undefined) return { tooDeep: `it nests collections more than ${maxNesting} levels deep, at line ${lineOf(text, deepest)}` };
  return { documents: Array.from(new Composer(options).compose(tokens)) };
}

/** The offset of the first collection nested deeper than `maxNesting` in the CST, or undefined. No recursion. */
export function tooDeepAt(tokens: readonly CST.Token[], maxNesting = MAX_NESTING): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > maxNesting) return token.offset;
        for (const item of token.items) {
          if ('key' in item && item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/**
 * Whether a plain value (what `toJS` gives) nests deeper than MAX_NESTING. Aliases can build a value far deeper than
 * its text (`a: &a [x]`, `b: &b [*a]`, … one level per anchor), so a document with anchors is measured again after
 * `toJS`. No recursion; a shared object is walked again only when reached deeper than before, and a cycle ends at
 * the limit.
 */
export function valueTooDeep(value: unknown): boolean {
  const deepestSeen = new Map<object, number>();
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > MAX_NESTING) return true;
    const seen = deepestSeen.get(item);
    if (seen !== undefined && seen >= depth) continue;
    deepestSeen.set(item, depth);
    const children = item instanceof Map ? [...item.keys(), ...item.values()] : item instanceof Set ? [...item] : Object.values(item);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return false;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
