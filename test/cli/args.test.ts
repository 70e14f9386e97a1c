// The declared-flags parser every subcommand uses (validate now; preflight, apply and status later).
import { describe, expect, it } from 'vitest';
import { parseArgs, usageText, type FlagSpecs } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/command';

const flags = {
  format: { type: 'string', values: ['text', 'json'], default: 'text', description: 'output format' },
  host: { type: 'string', valueName: 'HOST', description: 'where to connect' },
  wait: { type: 'boolean', description: 'wait until done' },
} satisfies FlagSpecs;

const usageError = (argv: string[]) => {
  try {
    parseArgs(argv, flags);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('parseArgs', () => {
  it('gives defaults, false for absent booleans and undefined for absent strings', () => {
    expect(parseArgs([], flags)).toEqual({ flags: { format: 'text', host: undefined, wait: false }, positionals: [] });
  });

  it('reads --name value, --name=value and --flag among positionals', () => {
    const parsed = parseArgs(['a.yaml', '--format', 'json', '--host=10.0.0.1', 'b.yaml', '--wait'], flags);
    expect(parsed).toEqual({ flags: { format: 'json', host: '10.0.0.1', wait: true }, positionals: ['a.yaml', 'b.yaml'] });
  });

  it('takes everything after -- as positionals', () => {
    expect(parseArgs(['--wait', '--', '--format', '-x.yaml'], flags).positionals).toEqual(['--format', '-x.yaml']);
  });

  it('rejects unknown flags (suggesting a near one), missing values, undeclared values and repeats', () => {
    expect(usageError(['--wiat'])).toBe("Unknown option '--wiat'; did you mean --wait?");
    expect(usageError(['--host'])).toMatch(/--host/);
    expect(usageError(['--format', 'yaml'])).toBe("--format must be one of text, json (got 'yaml')");
    expect(usageError(['--wait', '--wait'])).toBe('--wait was given more than once');
    expect(usageError(['--wait=yes'])).toMatch(/--wait/);
  });
});

describe('usageText', () => {
  it('shows the usage line, the summary and each flag with its values or placeholder and default', () => {
    const text = usageText({ name: 'status', summary: 'Show the status.', operands: '<cluster>', flags });
    expect(text).toBe(
      [
        'Usage: mks-gitops status <cluster> [options]',
        '',
        'Show the status.',
        '',
        'Options:',
        '  --format text|json  output format (default: text)',
        '  --host HOST         where to connect',
        '  --wait              wait until done',
        '',
      ].join('\n'),
    );
  });
});
