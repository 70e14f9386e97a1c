// `mks-gitops status FILE --agent USER@HOST[:PORT]`: per cluster, the sync view's state (agent/status.ts, one reader).
import { clusterStatuses } from '../../../client/src/agent/status';
import type { SystemSnapshot } from '../../../client/src/sync/systemState';
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
  details:
    'States (as the VS Code tree): in-sync, not-applied (the file has changes the system does not run yet), drifted, not-in-system, ' +
    'unreachable, auth-failed, needs-passphrase, status-unavailable (the status command is missing, exit 127, or failed), unknown. ' +
    'Exit status: 0 every cluster in sync, 1 any other state, 2 bad usage or unreadable input.',
  operands: 'FILE',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    const context = connectionContext(given, {
      ...(given['status-command'] !== undefined ? { statusCommand: given['status-command'] } : {}),
      ...(given.workdir ? { workdir: given.workdir } : {}),
    });
    const input = await readSpec(positionals);
    const statuses = await clusterStatuses({ file: input.file, agent: context.agent, hostKeys: context.hostKeys, askPassphrase: context.askPassphrase, sshConfig: await context.sshConfig() });
    if (given.format === 'json') {
      // What the read found, without the system's copy itself (that is what `plan` and Show Diff are for).
      const clusters = statuses.map((s) => ({ ...s, system: withoutSpecText(s.system) }));
      output.out(JSON.stringify({ file: input.path, clusters }, null, 2) + '\n');
    } else {
      for (const s of statuses) {
        output.out(`${s.cluster}: ${s.state} - ${s.message}\n`);
        for (const change of s.changes) output.out(`  ${change.label}\n`);
      }
    }
    return statuses.every((s) => s.state === 'in-sync') ? ExitCode.ok : ExitCode.findings;
  },
};

function withoutSpecText(system: SystemSnapshot): Record<string, unknown> {
  if (system.kind !== 'present') return system;
  const { liveText: _live, applied, ...rest } = system;
  if (!applied) return rest;
  const { specText: _spec, ...record } = applied;
  return { ...rest, applied: record };
}
