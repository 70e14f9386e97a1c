// Apply one cluster spec through the agent host, in phases: validate → connect → preflight → lock → upload →
// apply command → poll → promote + record. Progress goes to a typed event callback (VS Code: progress +
// LogOutputChannel; CLI: stdout). A failure names its step, its host and why.
//
// Where the spec lives on the agent host (`<workdir>/<cluster>/`):
//   revisions/<time>-<hash>.yaml  every uploaded spec, written atomically; the apply command runs on this file
//   spec.yaml                     the spec last applied SUCCESSFULLY: replaced (atomically) only after success
//   applied.json                  the record of that success (hash, git commit, time, user, taskset)
// So whatever fails — upload cut short, apply command failing, a cancel — spec.yaml and applied.json still
// describe the last good apply, and the failed attempt is kept in revisions/ for inspection.
// Preflight failures block; preflight warnings (busy ports on a node that already runs the cluster, an OS we
// cannot map) are reported but do not ask, or every day-2 apply would.
import { userInfo } from 'node:os';
import type { Finding } from '../../../server/src/engine/findings';
import type { EngineSettings } from '../../../server/src/engine/settings';
import { validate } from '../../../server/src/engine/validate';
import { CredentialsIndex } from '../../../server/src/engine/workspaceIndex';
import { isRecord, type YamlDocument, type YamlFile } from '../../../server/src/engine/yamlFile';
import { specHash } from '../sync/normalize';
import type { AgentConfig } from './agentConfig';
import type { AskPassphrase, SecretProvider } from './auth';
import type { SshConnection } from './connect';
import type { HostKeyPolicy } from './hostKeys';
import { ConnectionPool } from './pool';
import { preflightFindings, summaryText, type NodeReport, type PreflightReport } from './preflight';
import { preflightCluster } from './preflightCluster';
import { parseTaskset, type TasksetState } from './rctlOutput';
import { redactor } from './redact';
import { CommandError, exec, fill } from './remote';
import { acquireLock, CLUSTER_NAME, clusterPaths, realPath, writeAtomically, type AppliedRecord, type Lock } from './remoteFiles';

export type ApplyStep = 'validate' | 'connect' | 'preflight' | 'lock' | 'upload' | 'apply' | 'poll' | 'record';

export type ApplyEvent =
  | { type: 'step-started'; step: ApplyStep; message: string }
  | { type: 'step-finished'; step: ApplyStep; message: string }
  | { type: 'log'; step: ApplyStep; stream: 'stdout' | 'stderr' | 'info'; text: string }
  | { type: 'preflight-node'; report: NodeReport };

export interface ApplyResult {
  ok: boolean;
  cluster: string;
  /** The step that failed (absent on success). */
  step?: ApplyStep;
  /** The host the failing step was working on. */
  host?: string;
  message: string;
  /** The engine's findings for the file, then the preflight results on the node lines (codes `preflight-*`). */
  findings: Finding[];
  preflight?: PreflightReport;
  taskset?: TasksetState;
  record?: AppliedRecord;
}

export interface ApplyOptions {
  file: YamlFile;
  /** The Cluster document to apply; default: the file's only one. */
  document?: YamlDocument;
  /** Other parsed files (the workspace) where the cluster's Credentials spec may be. */
  workspace?: readonly YamlFile[];
  settings?: EngineSettings;
  agent: AgentConfig;
  hostKeys: HostKeyPolicy;
  secrets?: SecretProvider;
  askPassphrase?: AskPassphrase;
  /** Reach the nodes directly for the preflight instead of through the agent host. */
  direct?: boolean;
  preflight: boolean;
  maxClockSkewSeconds: number;
  /** Engine warnings are shown here; false stops the apply (CLI: --yes answers true). */
  confirmWarnings: (warnings: Finding[]) => Promise<boolean>;
  onEvent?: (event: ApplyEvent) => void;
  signal?: AbortSignal;
  gitCommit?: string;
}

class StepFailure extends Error {
  constructor(
    readonly step: ApplyStep,
    readonly host: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export async function applyCluster(options: ApplyOptions): Promise<ApplyResult> {
  const emit = (event: ApplyEvent) => options.onEvent?.(event.type === 'log' ? { ...event, text: redactor.redact(event.text) } : event);
  const document = options.document ?? options.file.documents.find((d) => d.kind === 'Cluster');
  const spec = document && isRecord(document.value) ? document.value : undefined;
  const metadata = spec && isRecord(spec.metadata) ? spec.metadata : {};
  const cluster = typeof metadata.name === 'string' ? metadata.name : '';
  const findings: Finding[] = [];
  const outcome: Partial<ApplyResult> = {};
  const pool = new ConnectionPool({ agent: options.agent, auth: { secrets: options.secrets, askPassphrase: options.askPassphrase }, hostKeys: options.hostKeys, direct: options.direct });
  let lock: Lock | undefined;
  let current: ApplyStep = 'validate';
  let agentLabel: string | undefined;
  const step = async <T>(name: ApplyStep, message: string, run: () => Promise<T>, done: (value: T) => string): Promise<T> => {
    current = name;
    if (options.signal?.aborted) throw new StepFailure(name, undefined, 'Cancelled');
    emit({ type: 'step-started', step: name, message });
    const value = await run();
    emit({ type: 'step-finished', step: name, message: done(value) });
    return value;
  };

  try {
    if (!document || !spec || !CLUSTER_NAME.test(cluster)) {
      throw new StepFailure('validate', undefined, document ? 'The Cluster spec has no valid metadata.name' : `${options.file.uri} holds no MKS Cluster spec`);
    }
    const project = typeof metadata.project === 'string' ? metadata.project : '';
    const workspace = [options.file, ...(options.workspace ?? []).filter((f) => f.uri !== options.file.uri)];

    await step('validate', `Validating ${cluster}`, async () => {
      const index = new CredentialsIndex();
      workspace.forEach((f) => index.update(f));
      findings.push(...validate(options.file, { settings: options.settings, credentials: index }));
      const errors = findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) {
        const first = errors[0];
        throw new StepFailure('validate', undefined, `${errors.length} error(s) in the spec block the apply; first: line ${first.range.start.line + 1}: ${first.message}`);
      }
      const warnings = findings.filter((f) => f.severity === 'warning');
      if (warnings.length > 0 && !(await options.confirmWarnings(warnings))) {
        throw new StepFailure('validate', undefined, `Not applied: ${warnings.length} warning(s) were not confirmed`);
      }
    }, () => 'no errors');

    const agentConn = await step('connect', `Connecting to agent host ${options.agent.name}`, () => pool.agentHost(), (c) => `connected to ${c.label}`);
    const host = agentConn.label;
    agentLabel = host;

    if (options.preflight) {
      const report = await step('preflight', 'Preflight checks on the nodes', () =>
        preflightCluster({
          pool,
          agent: options.agent,
          cluster: spec,
          workspace,
          maxClockSkewSeconds: options.maxClockSkewSeconds,
          signal: options.signal,
          onNode: (node) => emit({ type: 'preflight-node', report: node }),
        }), summaryText);
      outcome.preflight = report;
      findings.push(...preflightFindings(report, options.file, document));
      if (!report.ok) {
        const failed = report.nodes.filter((n) => n.results.some((r) => r.status === 'fail')).map((n) => n.hostname ?? `node ${n.index}`);
        throw new StepFailure('preflight', failed.join(', '), `Preflight failed on ${failed.join(', ')}: ${summaryText(report)}`);
      }
    }

    const paths = clusterPaths(options.agent.workdir, cluster);
    lock = await step('lock', `Locking ${cluster} on ${host}`, () => acquireLock(agentConn, paths, commandTimeout(options)), (l) =>
      l.brokeStale ? `locked (broke a stale lock of ${l.brokeStale.user ?? '?'}@${l.brokeStale.host ?? '?'} from ${l.brokeStale.since ?? '?'})` : 'locked');

    const content = documentText(options.file, document);
    const hash = specHash(spec);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const revision = `${paths.revisions}/${stamp}-${hash.slice(7, 19)}.yaml`;
    const uploaded = await step('upload', `Uploading the spec to ${host}`, async () => {
      const sftp = await agentConn.sftp();
      try {
        await agentConn.guard(writeAtomically(sftp, revision, content));
        return await agentConn.guard(realPath(sftp, revision));
      } finally {
        sftp.end();
      }
    }, (p) => `uploaded ${p}`);

    const command = fill(options.agent.applyCommand, { file: uploaded, name: cluster, project });
    const applied = await step('apply', `Running ${command}`, () => run(agentConn, command, options.agent.timeouts.applySeconds * 1000, 'apply', options, emit), (r) => `apply command finished (exit ${r.code})`);
    if (applied.code !== 0) {
      const why = lastLine(applied.stderr) ?? lastLine(applied.stdout) ?? 'no output';
      throw new StepFailure('apply', host, `The apply command failed (exit ${applied.code ?? applied.signal}): ${why}`);
    }
    let taskset = parseTaskset(applied.stdout);
    if (!taskset) emit({ type: 'log', step: 'apply', stream: 'info', text: 'The apply command printed no taskset JSON; taking its exit status as the result.\n' });
    if (taskset && taskset.phase === 'pending' && taskset.tasksetId && options.agent.pollCommand) {
      taskset = await step('poll', `Waiting for taskset ${taskset.tasksetId}`, () => poll(agentConn, taskset!, options, emit), (t) => `taskset ${t.tasksetId} ${t.status}`);
    }
    outcome.taskset = taskset;
    if (taskset?.phase === 'failed') {
      throw new StepFailure(current, host, `Taskset ${taskset.tasksetId ?? ''} failed (${taskset.status})${taskset.errors.length ? `: ${taskset.errors.join('; ')}` : ''}`);
    }

    outcome.record = await step('record', `Recording the apply on ${host}`, async () => {
      const record: AppliedRecord = {
        cluster,
        project: project || undefined,
        specHash: hash,
        revision: uploaded,
        gitCommit: options.gitCommit,
        appliedAt: new Date().toISOString(),
        user: userInfo().username,
        tasksetId: taskset?.tasksetId,
        tasksetStatus: taskset?.status,
      };
      const sftp = await agentConn.sftp();
      try {
        await agentConn.guard(writeAtomically(sftp, paths.spec, content));
        await agentConn.guard(writeAtomically(sftp, paths.record, JSON.stringify(record, null, 2) + '\n'));
      } finally {
        sftp.end();
      }
      return record;
    }, () => `recorded in ${paths.record}`);

    return { ...outcome, ok: true, cluster, message: `Applied ${cluster} through ${host}${taskset?.tasksetId ? ` (taskset ${taskset.tasksetId})` : ''}`, findings };
  } catch (error) {
    const failure = asStepFailure(error, current, options.signal);
    const host = failure.host ?? agentLabel;
    return { ...outcome, ok: false, cluster, step: failure.step, host, message: `${failure.step} failed${host ? ` on ${host}` : ''}: ${redactor.redact(failure.message)}`, findings };
  } finally {
    await lock?.release();
    pool.closeAll();
  }
}

function asStepFailure(error: unknown, step: ApplyStep, signal: AbortSignal | undefined): StepFailure {
  if (error instanceof StepFailure) return error;
  const host = (error as { host?: string }).host;
  if (signal?.aborted || (error instanceof CommandError && error.kind === 'cancelled')) return new StepFailure(step, host, (error as Error).message || 'Cancelled');
  return new StepFailure(step, host, (error as Error)?.message ?? String(error));
}

async function run(conn: SshConnection, command: string, timeoutMs: number, step: ApplyStep, options: ApplyOptions, emit: (e: ApplyEvent) => void) {
  try {
    return await exec(conn, command, {
      timeoutMs,
      signal: options.signal,
      onStdout: (text) => emit({ type: 'log', step, stream: 'stdout', text }),
      onStderr: (text) => emit({ type: 'log', step, stream: 'stderr', text }),
    });
  } catch (error) {
    throw new StepFailure(step, conn.label, (error as Error).message);
  }
}

async function poll(conn: SshConnection, start: TasksetState, options: ApplyOptions, emit: (e: ApplyEvent) => void): Promise<TasksetState> {
  const deadline = Date.now() + options.agent.timeouts.pollSeconds * 1000;
  const command = fill(options.agent.pollCommand, { taskset: start.tasksetId! });
  let state = start;
  while (state.phase === 'pending') {
    if (Date.now() > deadline) throw new StepFailure('poll', conn.label, `Taskset ${start.tasksetId} still ${state.status ?? 'pending'} after ${options.agent.timeouts.pollSeconds}s`);
    await sleep(options.agent.pollIntervalSeconds * 1000, options.signal);
    const result = await run(conn, command, commandTimeout(options), 'poll', options, emit);
    const next = result.code === 0 ? parseTaskset(result.stdout) : undefined;
    if (!next) {
      emit({ type: 'log', step: 'poll', stream: 'info', text: `Could not read the taskset status (exit ${result.code}); trying again.\n` });
      continue;
    }
    state = { ...next, tasksetId: next.tasksetId ?? start.tasksetId };
  }
  return state;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('Cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('Cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The document's own text (other documents of the file, such as a Credentials spec, are not uploaded). */
function documentText(file: YamlFile, document: YamlDocument): string {
  // From the end of the previous document, so the comments heading this one come along.
  const start = document.index === 0 ? 0 : file.documents[document.index - 1].doc.range[2];
  const end = document.doc.range[2];
  const text = file.text.slice(start, end);
  return text.endsWith('\n') ? text : text + '\n';
}

const commandTimeout = (options: ApplyOptions) => options.agent.timeouts.commandSeconds * 1000;
const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).pop();
