// `mks-gitops apply FILE --agent USER@HOST[:PORT]`: apply each Cluster spec of the file through the agent host,
// streaming the steps and the apply command's output to stdout.
import { applyCluster, type ApplyEvent, type ApplyResult } from '../../../client/src/agent/apply';
import { DEFAULT_MAX_CLOCK_SKEW_SECONDS } from '../../../client/src/agent/preflight';
import { askYesNo } from './terminalPrompts';
import { defaultSettings } from '../engine/settings';
import { parseArgs, type FlagSpecs } from './args';
import { connectionContext, connectionFlags, findingLine, gitCommitOf, readSpec } from './agentOptions';
import { ExitCode, UsageError, type Command, type Output } from './command';
import { loadSettings } from './loadSettings';
import { allowBlockedFlag, planRulesFlag, planSettingsOf } from './planOptions';

const flags = {
  ...connectionFlags,
  direct: { type: 'boolean', description: 'preflight: connect to the nodes directly, not through the agent host' },
  'apply-command': { type: 'string', valueName: 'CMD', description: 'command run on the agent host; placeholders {file} {name} {project} (default: rctl apply -f {file} --v3)' },
  workdir: { type: 'string', valueName: 'DIR', description: 'directory on the agent host for <cluster>/spec.yaml (default: mks-gitops in the login home)' },
  'poll-interval': { type: 'string', valueName: 'SECONDS', description: 'how often to ask rctl about the taskset (default 10)' },
  'no-preflight': { type: 'boolean', description: 'skip the preflight checks' },
  'dry-run-command': { type: 'string', valueName: 'CMD', description: "the change plan's preview on the agent host; '' = none (default: rctl apply -f {file} --v3 --dry-run)" },
  ...planRulesFlag,
  ...allowBlockedFlag,
  yes: { type: 'boolean', description: 'apply despite warnings and the change plan without asking' },
  config: { type: 'string', valueName: 'FILE', description: 'JSON engine settings, as for validate' },
} satisfies FlagSpecs;

export const applyCommand: Command = {
  name: 'apply',
  summary: 'Apply a Cluster spec through the SSH agent host (validate, preflight, lock, upload, change plan, rctl apply, wait, record).',
  details:
    'Engine errors block the apply; warnings are asked about on a terminal (or accepted with --yes).\n' +
    'Before the apply command runs, the change plan is printed and asked about (--yes accepts it); a blocked plan stops\n' +
    'the apply unless --allow-blocked.\n' +
    'Exit status: 0 applied, 1 blocked, not confirmed or failed (the message names the step and host), 2 bad usage or unreadable input.',
  operands: 'FILE',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    const settings = given.config ? await loadSettings(given.config) : defaultSettings;
    const pollInterval = given['poll-interval'] === undefined ? undefined : Number(given['poll-interval']);
    if (pollInterval !== undefined && !(pollInterval > 0)) throw new UsageError('--poll-interval must be a number of seconds above 0');
    const planSettings = planSettingsOf(given['plan-rules']);
    const context = connectionContext(given, {
      ...(given['dry-run-command'] !== undefined ? { dryRunCommand: given['dry-run-command'] } : {}),
      ...(given['apply-command'] ? { applyCommand: given['apply-command'] } : {}),
      ...(given.workdir ? { workdir: given.workdir } : {}),
      ...(pollInterval ? { pollIntervalSeconds: pollInterval } : {}),
    });
    const input = await readSpec(positionals);
    const gitCommit = await gitCommitOf(input.path);
    const text = given.format === 'text';
    const events: ApplyEvent[] = [];
    const results: ApplyResult[] = [];
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint); // Ctrl-C stops the remote command too, then the lock is released
    try {
      for (const document of input.file.documents.filter((d) => d.kind === 'Cluster')) {
        const printer = text ? eventPrinter(output) : undefined;
        const result = await applyCluster({
          file: input.file,
          document,
          workspace: input.neighbours,
          settings,
          agent: context.agent,
          hostKeys: context.hostKeys,
          sshConfig: await context.sshConfig(),
          askPassphrase: context.askPassphrase,
          direct: given.direct,
          preflight: !given['no-preflight'],
          maxClockSkewSeconds: DEFAULT_MAX_CLOCK_SKEW_SECONDS,
          gitCommit,
          signal: controller.signal,
          confirmWarnings: async (warnings) => {
            if (text) for (const f of warnings) output.out(findingLine(input.path, f) + '\n');
            if (given.yes) return true;
            const yes = await askYesNo(`Apply despite ${warnings.length} warning(s)?`);
            if (!yes && text) output.out('Warnings need confirmation: answer on a terminal or pass --yes.\n');
            return yes;
          },
          planSettings,
          allowBlocked: given['allow-blocked'],
          confirmPlan: async (planned) => {
            if (text) output.out(planned.text.replace(/^/gm, '    ').replace(/ +$/gm, ''));
            if (given.yes) return true;
            const yes = await askYesNo(planned.plan.blocked ? `Apply ${planned.plan.cluster} DESPITE the blocked plan?` : `Apply ${planned.plan.cluster} as planned?`);
            if (!yes && text) output.out('The change plan needs confirmation: answer on a terminal or pass --yes.\n');
            return yes;
          },
          onEvent: (event) => (printer ? printer(event) : events.push(event)),
        });
        results.push(result);
        if (text) {
          for (const f of result.findings.filter((f) => f.severity === 'error' || f.code.startsWith('preflight-'))) output.out(findingLine(input.path, f) + '\n');
          output.out(`${result.ok ? '✓' : '✗'} ${result.message}\n`);
        }
        if (!result.ok) break;
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (!text) output.out(JSON.stringify({ file: input.path, results, events }, null, 2) + '\n');
    return results.every((r) => r.ok) ? ExitCode.ok : ExitCode.findings;
  },
};

/** Steps as `==> message`, command output line by line as `  | line`. */
function eventPrinter(output: Output): (event: ApplyEvent) => void {
  const partial: Record<string, string> = {};
  return (event) => {
    switch (event.type) {
      case 'step-started':
        output.out(`==> ${event.message}\n`);
        return;
      case 'step-finished':
        output.out(`    ${event.message}\n`);
        return;
      case 'preflight-node': {
        const bad = event.report.results.filter((r) => r.status !== 'pass');
        output.out(`    ${event.report.hostname ?? `node ${event.report.index}`}: ${bad.length === 0 ? 'all checks passed' : bad.map((r) => `${r.check} ${r.status}`).join(', ')}\n`);
        return;
      }
      case 'log': {
        const lines = ((partial[event.stream] ?? '') + event.text).split('\n');
        partial[event.stream] = lines.pop() ?? '';
        for (const line of lines) output.out(`  | ${line}\n`);
      }
    }
  };
}
