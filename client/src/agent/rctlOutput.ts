// Reads rctl's JSON answers (reference §6.2): the v3 `apply` array `[{tasksetId, tasksetStatus, ...}]`, the legacy
// `{taskset_id, status, operations}` object, and `rctl status apply` output. Anything else reads as "no answer".
import { isRecord } from '../../../server/src/engine/yamlFile';

export type TasksetPhase = 'pending' | 'complete' | 'failed';

export interface TasksetState {
  tasksetId: string | undefined;
  status: string | undefined;
  phase: TasksetPhase;
  /** Error summaries of the taskset and its operations. */
  errors: string[];
}

/** The taskset in a command's stdout, or undefined when it holds no JSON we understand. */
export function parseTaskset(stdout: string): TasksetState | undefined {
  const value = findJson(stdout);
  const entry = Array.isArray(value) ? value.find(isRecord) : value;
  if (!isRecord(entry)) return undefined;
  const tasksetId = str(entry.tasksetId) ?? str(entry.taskset_id);
  const status = str(entry.tasksetStatus) ?? str(entry.status);
  if (tasksetId === undefined && status === undefined) return undefined;
  const operations = Array.isArray(entry.tasksetOperations) ? entry.tasksetOperations : Array.isArray(entry.operations) ? entry.operations : [];
  const errors = [
    str(entry.errorSummary),
    ...operations.map((op) => (isRecord(op) ? (str(op.errorSummary) ?? (isRecord(op.error) ? str(op.error.title) : undefined)) : undefined)),
  ].filter((e): e is string => !!e);
  return { tasksetId, status, phase: phaseOf(status), errors };
}

export function phaseOf(status: string | undefined): TasksetPhase {
  if (!status) return 'pending';
  if (/FAIL/i.test(status)) return 'failed';
  if (/COMPLETE|SUCCESS/i.test(status)) return 'complete';
  return 'pending';
}

/** rctl may print progress text around its JSON: try the whole output, then from the first bracket on. */
function findJson(text: string): unknown {
  const candidates = [text.trim()];
  const start = text.search(/[[{]/);
  if (start >= 0) candidates.push(text.slice(start, Math.max(text.lastIndexOf(']'), text.lastIndexOf('}')) + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // not this one
    }
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
