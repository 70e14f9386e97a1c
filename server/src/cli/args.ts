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
import { UsageError } from './command';

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
    throw new UsageError(describeParseError(error as Error));
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
      throw new UsageError(`--${name} must be one of ${spec.values.join(', ')} (got '${value}')`);
    }
    flags[name] = typeof value === 'string' ? value : spec.default;
  }
  return { flags: flags as FlagValues<S>, positionals: parsed.positionals };
}

export function usageText(command: CommandSyntax): string {
  const lines = [`Usage: mks-gitops ${command.name} ${command.operands} [options]`, '', command.summary];
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

/** node:util's messages go on with advice about `--` that only confuses here; keep the first sentence. */
function describeParseError(error: Error): string {
  return error.message.split(/\.\s/)[0].replace(/\.$/, '');
}
