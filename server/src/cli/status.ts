// `mks-gitops status FILE --agent USER@HOST[:PORT]`: per cluster, in-sync / drifted / not-applied / unreachable.
import { clusterStatuses } from '../../../client/src/agent/status';
import { parseArgs, type FlagSpecs } from './args';
import { connectionContext, connectionFlags, readSpec } from './agentOptions';
import { ExitCode, type Command } from './command';

const flags = {
  ...connectionFlags,
  'status-command': { type: 'string', valueName: 'CMD', description: "command printing the controller's copy as YAML; placeholders {name} {project}; '' = compare with the last-applied record (default: rctl get cluster {name} -p {project} -o yaml --v3)" },
  workdir: { type: 'string', valueName: 'DIR', description: 'directory on the agent host holding <cluster>/applied.json (default: mks-gitops in the login home)' },
} satisfies FlagSpecs;

export const statusCommand: Command = {
  name: 'status',
  summary: 'Compare each Cluster spec of a file with the system (status command) or with the last apply.',
  details: 'Exit status: 0 every cluster in sync, 1 a cluster is drifted, not applied, unreachable or unknown, 2 bad usage or unreadable input.',
  operands: 'FILE',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    const context = connectionContext(given, {
      ...(given['status-command'] !== undefined ? { statusCommand: given['status-command'] } : {}),
      ...(given.workdir ? { workdir: given.workdir } : {}),
    });
    const input = await readSpec(positionals);
    const statuses = await clusterStatuses({ file: input.file, agent: context.agent, hostKeys: context.hostKeys, askPassphrase: context.askPassphrase });
    if (given.format === 'json') {
      // The system's copy itself stays out of the output (it is what `plan` and Show Diff are for).
      output.out(JSON.stringify({ file: input.path, clusters: statuses.map(({ system: _system, ...rest }) => rest) }, null, 2) + '\n');
    } else {
      for (const s of statuses) {
        output.out(`${s.cluster}: ${s.state} - ${s.message}\n`);
        for (const change of s.changes) output.out(`  ${change.label}\n`);
      }
    }
    return statuses.every((s) => s.state === 'in-sync') ? ExitCode.ok : ExitCode.findings;
  },
};
