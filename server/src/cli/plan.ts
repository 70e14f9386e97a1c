// `mks-gitops plan FILE --agent USER@HOST[:PORT]`: what an apply of each Cluster spec of the file would do to the
// cluster, without applying: the system's copy read through the status reader, each change classified
// (client/src/sync/changePlan.ts), and the agent host's `rctl apply --dry-run` of the spec where it has one.
import { documentText } from '../../../client/src/agent/apply';
import { ConnectionPool } from '../../../client/src/agent/pool';
import { planOnHost, uploadForPlan, type ApplyPlan } from '../../../client/src/agent/plan';
import { CLUSTER_NAME } from '../../../client/src/agent/remoteFiles';
import { parseArgs, type FlagSpecs } from './args';
import { connectionContext, connectionFlags, readSpec } from './agentOptions';
import { ExitCode, type Command } from './command';
import { planRulesFlag, planSettingsOf } from './planOptions';

const flags = {
  ...connectionFlags,
  ...planRulesFlag,
  'status-command': { type: 'string', valueName: 'CMD', description: "command printing the controller's copy as YAML; '' = compare with the last-applied record (default: rctl get cluster {name} -p {project} -o yaml --v3)" },
  'dry-run-command': { type: 'string', valueName: 'CMD', description: "preview run on the uploaded spec; placeholders {file} {name} {project}; '' = none (default: rctl apply -f {file} --v3 --dry-run)" },
  workdir: { type: 'string', valueName: 'DIR', description: 'directory on the agent host for <cluster>/ (default: mks-gitops in the login home)' },
} satisfies FlagSpecs;

export const planCommand: Command = {
  name: 'plan',
  summary: 'Show what applying each Cluster spec of a file would change in the cluster (blocked, warnings, changes), without applying.',
  details:
    'The plan compares the file with the system (status command) or the last apply, and classifies each change; the\n' +
    "agent host's rctl --dry-run output is shown where it has one. Nothing is applied.\n" +
    'Exit status: 0 the plan can be applied, 1 a plan is blocked (or the system could not be read), 2 bad usage or unreadable input.',
  operands: 'FILE',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    const settings = planSettingsOf(given['plan-rules']);
    const context = connectionContext(given, {
      ...(given['status-command'] !== undefined ? { statusCommand: given['status-command'] } : {}),
      ...(given['dry-run-command'] !== undefined ? { dryRunCommand: given['dry-run-command'] } : {}),
      ...(given.workdir ? { workdir: given.workdir } : {}),
    });
    const input = await readSpec(positionals);
    const pool = new ConnectionPool({ agent: context.agent, auth: { askPassphrase: context.askPassphrase }, hostKeys: context.hostKeys });
    const plans: (ApplyPlan & { cluster: string })[] = [];
    const problems: { cluster: string; message: string }[] = [];
    try {
      let conn;
      try {
        conn = await pool.agentHost();
      } catch (error) {
        output.out(`✗ cannot reach the agent host: ${(error as Error).message}\n`);
        if (given.format === 'json') output.out(JSON.stringify({ file: input.path, error: (error as Error).message }, null, 2) + '\n');
        return ExitCode.findings;
      }
      for (const document of input.file.documents.filter((d) => d.kind === 'Cluster')) {
        const spec = (document.value ?? {}) as Record<string, unknown>;
        const name = String((spec.metadata as Record<string, unknown> | undefined)?.name ?? '');
        if (!CLUSTER_NAME.test(name)) {
          problems.push({ cluster: name || '(unnamed)', message: 'The Cluster spec has no valid metadata.name' });
          continue;
        }
        const uploadedFile = context.agent.dryRunCommand ? await uploadForPlan(conn, context.agent, name, documentText(input.file, document)) : undefined;
        plans.push({ cluster: name, ...(await planOnHost(conn, { spec, agent: context.agent, settings, uploadedFile })) });
      }
    } finally {
      pool.closeAll();
    }
    if (given.format === 'json') {
      output.out(JSON.stringify({ file: input.path, plans: plans.map(({ plan, dryRun }) => ({ ...plan, dryRun })), problems }, null, 2) + '\n');
    } else {
      output.out(plans.map((p) => p.text).join('\n'));
      for (const p of problems) output.out(`✗ ${p.cluster}: ${p.message}\n`);
    }
    return problems.length === 0 && plans.every((p) => !p.plan.blocked) ? ExitCode.ok : ExitCode.findings;
  },
};
