// What the sync view needs to know about the system side of one cluster, and the narrow interface the view
// reads it through. The SSH agent code implements it; the view never talks SSH itself.
import { parseAllDocumentsBounded, valueTooDeep } from '../../../server/src/engine/boundedParse';
import { isRecord } from '../../../server/src/engine/yamlFile';

export interface ClusterIdentity {
  name: string;
  project: string;
  /** The file the cluster is kept in (a path or URI string), for agents chosen per file. */
  file: string;
  /** The cluster's spec as the file has it now (the text of the whole file). */
  fileText: string;
}

/** What the agent host recorded about the last successful apply. */
export interface AppliedRecord {
  commit?: string;
  contentHash?: string;
  /** ISO time. */
  appliedAt?: string;
  appliedBy?: string;
  taskset?: string;
  /** The spec text that was applied, where the agent kept it. */
  specText?: string;
}

/**
 * What one read of the system found: THE vocabulary of system states, shared by the sync view and the CLI
 * (the agent core's readSystemState() returns it; the sync model judges it in clusterState.ts). Each says what
 * happened: a refused key is not an unreachable host, a missing status command is not an absent cluster.
 */
export type SystemSnapshot =
  | {
      kind: 'present';
      /** Where the answer came from, for people: e.g. "status command on agent-1". */
      source: string;
      /** The cluster as the controller reports it now (status command output), if there is a status command. */
      liveText?: string;
      applied?: AppliedRecord;
    }
  /** The controller does not know the cluster (its own "not found"), or, without a status command, it was never applied here. */
  | { kind: 'absent'; source: string; reason: string }
  /** The agent host did not answer (refused, timed out, connection lost). */
  | { kind: 'unreachable'; source: string; reason: string }
  /** The agent host answered but would not let us in: refused key, empty ssh-agent, wrong or no passphrase, host key refused. */
  | { kind: 'auth-failed'; source: string; reason: string }
  /** An encrypted key whose passphrase is not stored; a background read asks nobody, an action ("Enter Passphrase") does. */
  | { kind: 'needs-passphrase'; source: string; keyFile: string; reason: string }
  /** The status command is not installed on the agent host (exit 127): says nothing about the cluster. */
  | { kind: 'command-missing'; source: string; command: string; reason: string }
  /** The status command ran and failed, or printed what cannot be read. */
  | { kind: 'command-failed'; source: string; reason: string }
  /** The read was cancelled (a newer refresh, the user): nothing is known from it. */
  | { kind: 'cancelled'; source: string }
  /** Not asked (no agent configured, untrusted workspace, not refreshed yet). */
  | { kind: 'unknown'; reason: string };

export type SystemSnapshotKind = SystemSnapshot['kind'];

export interface SystemStateSource {
  read(cluster: ClusterIdentity, signal: AbortSignal): Promise<SystemSnapshot>;
}

/** The spec text the system runs: the live answer if there is one, else what was last applied. */
export function systemSpecText(snapshot: SystemSnapshot | undefined): string | undefined {
  if (snapshot?.kind !== 'present') return undefined;
  return snapshot.liveText ?? snapshot.applied?.specText;
}

/**
 * The controller's own word on the cluster from the status command's YAML (reference §6.1):
 * `status.commonStatus.conditionStatus` and its reason, else the provision status. Undefined when absent.
 */
export function controllerCondition(liveText: string | undefined): { status: string; reason?: string } | undefined {
  if (liveText === undefined) return undefined;
  let value: unknown;
  try {
    // Bounded: garbage from a remote command must not nest deep enough to take the extension host down.
    value = parseAllDocumentsBounded(liveText).documents?.find((d) => d.errors.length === 0)?.toJS({ maxAliasCount: 1000 });
    if (valueTooDeep(value)) return undefined;
  } catch {
    return undefined; // an alias bomb or a broken alias in the answer: no condition to show
  }
  const status = isRecord(value) && isRecord(value.status) ? value.status : undefined;
  if (!status) return undefined;
  const common = isRecord(status.commonStatus) ? status.commonStatus : {};
  const word = typeof common.conditionStatus === 'string' ? common.conditionStatus : typeof status.provisionStatus === 'string' ? status.provisionStatus : undefined;
  if (!word) return undefined;
  return { status: word, ...(typeof common.reason === 'string' && common.reason !== '' ? { reason: common.reason } : {}) };
}
