// Command-line parsing for every `mks-gitops` subcommand: declared flags in, typed values out.
//
// API (for subcommands):
//   const flags = { format: { type: 'string', values: ['text', 'json'], default: 'text', description: '…' },
//                   wait: { type: 'boolean', description: '…' } } satisfies FlagSpecs;
//   const { flags: f, positionals } = parseArgs(argv, flags);   // argv = the words after the subcommand
//   f.format  → string (a declared value, or the default, or undefined)
//   f.wait    → boolean (false when absent)
//   usageText(command) → the help text for one command (its usage line and its flags).
// Accepted spellings: `--name value`, `--name=value`, `--flag`, and `--` to end the flags.
// Unknown flags, missing values, values outside `values` and repeated flags throw a UsageError (exit 2).
import { parseArgs as parseNodeArgs } from 'node:util';
import { bestMatch } from '../engine/didYouMean';
import { UsageError } from './command';
import { toolName } from './toolInfo';

export interface StringFlag {
  type: 'string';
  description: string;
  /** The placeholder shown in the usage text, e.g. FILE. */
  valueName?: string;
  /** The only values accepted (checked after parsing), shown in the usage text. */
  values?: readonly string[];
  default?: string;
}

export interface BooleanFlag {
  type: 'boolean';
  description: string;
}

export type FlagSpec = StringFlag | BooleanFlag;
export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends BooleanFlag ? boolean : string | undefined;
};

export interface ParsedArgs<S extends FlagSpecs> {
  flags: FlagValues<S>;
  positionals: string[];
}

/** What a subcommand declares so its arguments can be parsed and its usage printed. */
export interface CommandSyntax {
  name: string;
  /** One line, shown in the general help. */
  summary: string;
  /** More text for the command's own help (defaults, exit codes). */
  details?: string;
  /** What follows the command name in the usage line, e.g. `[files|dirs|globs...]`. */
  operands: string;
  flags: FlagSpecs;
}

export function parseArgs<S extends FlagSpecs>(argv: readonly string[], specs: S): ParsedArgs<S> {
  const options = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }]));
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }, argv, specs));
  }
  rejectRepeats(parsed.tokens ?? []);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flags: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name];
    if (spec.type === 'boolean') {
      flags[name] = value === true;
      continue;
    }
    if (typeof value === 'string' && spec.values && !spec.values.includes(value)) {
      throw new UsageError(`--${name} must be one of ${spec.values.join(', ')} (got '${value}')${suggestion(value, spec.values)}`);
    }
    flags[name] = typeof value === 'string' ? value : spec.default;
  }
  return { flags: flags as FlagValues<S>, positionals: parsed.positionals };
}

export function usageText(command: CommandSyntax): string {
  const lines = [`Usage: ${toolName} ${command.name} ${command.operands} [options]`, '', command.summary];
  if (command.details) lines.push('', command.details);
  const entries = Object.entries(command.flags).map(([name, spec]) => {
    const head = spec.type === 'string' ? `--${name} ${spec.values ? spec.values.join('|') : (spec.valueName ?? 'VALUE')}` : `--${name}`;
    const tail = spec.type === 'string' && spec.default !== undefined ? ` (default: ${spec.default})` : '';
    return [head, spec.description + tail] as const;
  });
  if (entries.length > 0) {
    const width = Math.max(...entries.map(([head]) => head.length));
    lines.push('', 'Options:', ...entries.map(([head, text]) => `  ${head.padEnd(width)}  ${text}`));
  }
  return lines.join('\n') + '\n';
}

/** A flag given twice is almost always a mistake (which one wins would be a surprise). */
function rejectRepeats(tokens: ReadonlyArray<{ kind: string; name?: string }>): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.name) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} was given more than once`);
    seen.add(token.name);
  }
}

/** `; did you mean …?` for a near miss among `known`, or nothing. */
export function suggestion(typed: string, known: Iterable<string>, prefix = ''): string {
  const match = bestMatch(typed, known);
  return match === undefined ? '' : `; did you mean ${prefix}${match}?`;
}

/**
 * node:util's messages go on with advice about `--` that only confuses here: keep the first sentence,
 * and suggest the declared flag an unknown one is closest to.
 */
function describeParseError(error: Error & { code?: string }, argv: readonly string[], specs: FlagSpecs): string {
  const message = error.message.split(/\.\s/)[0].replace(/\.$/, '');
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return message;
  const flagsPart = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const unknown = flagsPart
    .filter((word) => word.startsWith('-'))
    .map((word) => word.replace(/^--?/, '').split('=')[0])
    .find((name) => !(name in specs));
  return unknown === undefined ? message : message + suggestion(unknown, Object.keys(specs), '--');
}
