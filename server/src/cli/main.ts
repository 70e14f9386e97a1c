// `mks-gitops <command> ...`: picks the subcommand, runs it, turns what went wrong into a message and an exit code.
import { suggestion, usageText } from './args';
import { ExitCode, InputError, UsageError, type Command, type Output } from './command';
import { toolName, toolVersion } from './toolInfo';
import { applyCommand } from './apply';
import { migrateCommand } from './migrate';
import { planCommand } from './plan';
import { preflightCommand } from './preflight';
import { statusCommand } from './status';
import { validateCommand } from './validate';

// Add a subcommand: one module exporting a Command (see command.ts, args.ts), one entry here.
const commands: readonly Command[] = [validateCommand, migrateCommand, preflightCommand, planCommand, applyCommand, statusCommand];

const output: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version') {
    output.out(`${toolVersion}\n`);
    return ExitCode.ok;
  }
  if (name === undefined) {
    output.err(generalUsage());
    return ExitCode.usage;
  }
  if (isHelp(name) || name === 'help') {
    const topic = commands.find((c) => c.name === rest[0]);
    output.out(topic ? usageText(topic) : generalUsage());
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const hint = suggestion(name, commands.map((c) => c.name));
    output.err(`${toolName}: unknown command '${name}'${hint}\n\n${generalUsage()}`);
    return ExitCode.usage;
  }
  const flagsPart = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (flagsPart.some(isHelp)) {
    output.out(usageText(command));
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    return report(command, error);
  }
}

function report(command: Command, error: unknown): number {
  if (error instanceof UsageError) {
    output.err(`${toolName} ${command.name}: ${error.message}\n\n${usageText(command)}`);
  } else if (error instanceof InputError) {
    output.err(`${toolName} ${command.name}: ${error.message}\n`);
  } else {
    // A bug of ours: say so plainly, with the stack for the bug report, rather than a bare crash.
    output.err(`${toolName} ${command.name}: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  return ExitCode.usage;
}

function isHelp(word: string): boolean {
  return word === '--help' || word === '-h';
}

function generalUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${toolName} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${toolName} <command> --help' for a command's options; '${toolName} --version' for the version.`,
    '',
  ].join('\n');
}

// A reader that stops early (`| head`) closes the pipe; that is no error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
