// THE reader of the system side of one cluster, for the sync view (through sshActions/agentSystemSource.ts)
// and the CLI's `status` (agent/status.ts) alike: the status command's YAML (the controller's copy) and the
// agent host's record of the last successful apply with the spec it applied. It returns the sync model's
// SystemSnapshot (client/src/sync/systemState.ts), the one vocabulary of system states, and never throws:
// every outcome, cancel and trouble included, is a state that says what happened.
import type { AppliedRecord as ViewRecord, SystemSnapshot } from '../sync/systemState';
import type { AgentConfig } from './agentConfig';
import { SshError } from './sshError';
import type { ConnectionPool } from './pool';
import { redactor } from './redact';
import { CommandError, exec, fill } from './remote';
import { clusterPaths, parseRecord, readAppliedFiles, type AppliedRecord } from './remoteFiles';

/** rctl's own answer for a cluster it does not know (reference §11: only this says the cluster is absent). */
const NOT_FOUND = /not found|does not exist|NotFound/i;

export interface SystemReadOptions {
  /**
   * The operation's connections (the caller closes them; several clusters may share the agent connection). An
   * open connection serves too (the apply's change plan reads over the connection it holds): `{ agentHost: async () => conn }`.
   */
  pool: Pick<ConnectionPool, 'agentHost'>;
  agent: AgentConfig;
  cluster: { name: string; project: string };
  signal?: AbortSignal;
}

export async function readSystemState(options: SystemReadOptions): Promise<SystemSnapshot> {
  const { agent, cluster, signal } = options;
  if (signal?.aborted) return { kind: 'cancelled', source: agent.name };
  try {
    const conn = await options.pool.agentHost();
    const { recordText, specText } = await readAppliedFiles(conn, clusterPaths(agent.workdir, cluster.name));
    const applied = appliedOf(parseRecord(recordText), specText);
    if (!agent.statusCommand) {
      const source = `last-applied record on ${agent.name}`;
      return applied ? { kind: 'present', source, applied } : { kind: 'absent', source, reason: `${cluster.name} was never applied through ${agent.name} (no applied.json)` };
    }
    const command = fill(agent.statusCommand, { name: cluster.name, project: cluster.project });
    const result = await exec(conn, command, { timeoutMs: agent.timeouts.commandSeconds * 1000, signal });
    const source = `status command on ${agent.name}`;
    if (result.code === 0) return { kind: 'present', source, liveText: result.stdout, ...(applied ? { applied } : {}) };
    const why = redactor.redact((result.stderr || result.stdout).trim().split('\n').pop() ?? '');
    if (result.code === 127) {
      const name = commandName(agent.statusCommand);
      return { kind: 'command-missing', source, command: name, reason: `The status command "${name}" was not found on ${agent.name} (exit 127)${why ? `: ${why}` : ''}` };
    }
    if (NOT_FOUND.test(why)) return { kind: 'absent', source, reason: `The controller does not know ${cluster.name}: ${why}` };
    return { kind: 'command-failed', source, reason: `The status command failed on ${agent.name} (exit ${result.code ?? result.signal}): ${why || 'no output'}` };
  } catch (error) {
    return fromError(error, agent, signal);
  }
}

function fromError(error: unknown, agent: AgentConfig, signal: AbortSignal | undefined): SystemSnapshot {
  const source = agent.name;
  const reason = redactor.redact((error as Error)?.message ?? String(error));
  if (signal?.aborted || (error instanceof CommandError && error.kind === 'cancelled')) return { kind: 'cancelled', source };
  if (error instanceof SshError) {
    if (error.kind === 'passphrase-needed') return { kind: 'needs-passphrase', source, keyFile: error.keyFile ?? error.host, reason };
    if (error.kind === 'auth' || error.kind === 'key' || error.kind === 'host-key') return { kind: 'auth-failed', source, reason };
  }
  if (error instanceof CommandError && error.kind === 'timeout') return { kind: 'command-failed', source, reason };
  return { kind: 'unreachable', source, reason };
}

/** The program a command line runs (after `VAR=value` assignments), for "not found" messages. */
export function commandName(command: string): string {
  const words = command.trim().split(/\s+/);
  return words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? words[0] ?? command;
}

function appliedOf(record: AppliedRecord | undefined, specText: string | undefined): ViewRecord | undefined {
  if (!record) return undefined;
  return {
    ...(record.gitCommit ? { commit: record.gitCommit } : {}),
    contentHash: record.specHash,
    appliedAt: record.appliedAt,
    appliedBy: record.user,
    ...(record.tasksetId ? { taskset: record.tasksetId } : {}),
    ...(specText !== undefined ? { specText } : {}),
  };
}
