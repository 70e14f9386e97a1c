// Apply and Preflight from VS Code: the agent code does the work; this module asks (warnings, uncommitted
// changes, the change plan), shows progress (cancellable), streams the log, and turns the results into diagnostics
// and tree state.
// The agent code is loaded (./agentModule) once an agent is chosen, not when the extension activates.
import * as vscode from 'vscode';
import type { ApplyEvent } from '../agent/apply';
import type { ApplyPlan } from '../agent/plan';
import { planConfirmation, resolvePlanSettings } from '../sync/changePlan';
import { ask } from '../syncView/dialogs';
import type { PlanDocumentProvider } from '../syncView/planDocumentProvider';
import type { AgentConfig } from '../agent/agentConfig';
import { loadAgent } from './agentModule';
import { agentForCluster, sshConfigOf, type AgentAccess } from './agentSystemSource';
import { YamlFile } from '../../../server/src/engine/yamlFile';
import type { PreflightDiagnostics } from './preflightDiagnostics';
import { preflightRun } from './preflightRun';
import type { ClusterEntry } from '../sync/treeModel';
import { engineSettings } from '../settings';
import type { SyncController } from '../syncView/syncController';

/** The apply and preflight runs in progress: the notification's Cancel button and "Cancel Running Apply or Preflight" abort them. */
const running = new Set<AbortController>();

/** Aborts every apply and preflight in progress (as their notifications' Cancel does); returns how many. */
export function cancelRunning(): number {
  const n = running.size;
  for (const abort of running) abort.abort();
  return n;
}

/** An abort controller tied to the progress notification's Cancel and to cancelRunning(), released when `work` ends. */
async function cancellable<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  running.add(abort);
  const listener = token.onCancellationRequested(() => abort.abort());
  try {
    return await work(abort.signal);
  } finally {
    listener.dispose();
    running.delete(abort);
  }
}

export interface ActionDeps {
  controller: SyncController;
  access: AgentAccess;
  log: vscode.LogOutputChannel;
  diagnostics: PreflightDiagnostics;
  plans: PlanDocumentProvider;
}

export async function applyAction(deps: ActionDeps, entry: ClusterEntry): Promise<boolean> {
  if (!trusted()) return false;
  const prepared = await prepare(deps, entry, 'apply');
  if (!prepared) return false;
  const { agent, document, file, uri } = prepared;
  if (entry.status.gitComparison === 'different' || entry.status.gitComparison === 'untracked') {
    const go = vscode.l10n.t('Apply Anyway');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} has changes that are not committed to Git.', entry.cluster.name),
      { modal: true, detail: vscode.l10n.t('GitOps keeps Git as the source of truth: commit first, or apply the working copy anyway (the apply record will name no commit).') },
      go,
    );
    if (answer !== go) return false;
  }
  const { applyCluster, DEFAULT_MAX_CLOCK_SKEW_SECONDS } = await loadAgent();
  const config = vscode.workspace.getConfiguration('mksGitops');
  const planRules = resolvePlanSettings(config.get('plan.rules'));
  for (const problem of planRules.problems) deps.log.warn(`mksGitops.plan.rules: ${problem} (left at its default)`);
  const allowBlocked = config.get<boolean>('plan.allowBlocked', false);
  deps.log.info(`Apply ${entry.cluster.name} (${entry.relativePath}) through agent ${agent.name}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Applying {0}', entry.cluster.name), cancellable: true },
    (progress, token) => cancellable(token, (signal) => applyCluster({
        file,
        document,
        workspace: deps.controller.workspaceFiles,
        settings: engineSettings(),
        agent,
        hostKeys: deps.access.hostKeys,
        secrets: deps.access.secrets,
        askPassphrase: deps.access.askPassphrase,
        sshConfig: prepared.sshConfig,
        preflight: config.get<boolean>('apply.preflight', true),
        maxClockSkewSeconds: config.get<number>('preflight.maxClockSkewSeconds', DEFAULT_MAX_CLOCK_SKEW_SECONDS),
        confirmWarnings: (warnings) => confirmWarnings(entry.cluster.name, warnings.map((w) => `line ${w.range.start.line + 1}: ${w.message}`)),
        planSettings: planRules.settings,
        allowBlocked,
        confirmPlan: (planned) => confirmPlan(deps, planned, allowBlocked),
        onEvent: (event) => report(event, progress, deps.log),
        signal,
        ...(entry.git.kind === 'tracked' && entry.status.gitComparison === 'same' && entry.git.commit ? { gitCommit: entry.git.commit } : {}),
      })),
  );
  if (result.cancelled) {
    // Cancel is cancel: the tree and the spec's diagnostics stay as they were before the apply started.
    deps.log.info(result.message);
    void vscode.window.showInformationMessage(result.message);
    void deps.controller.refresh({ system: true });
    return false;
  }
  if (result.preflight) {
    deps.controller.setPreflight(entry.file, entry.cluster.name, preflightRun(result.preflight, new Date()));
    deps.diagnostics.set(uri, result.findings.filter((f) => f.code.startsWith('preflight-')));
  }
  if (result.ok) {
    deps.log.info(result.message);
    void vscode.window.showInformationMessage(result.message);
  } else if (result.step === 'plan' && result.plan) {
    // Stopped at the plan (blocked, or not confirmed): the plan stays one click away.
    deps.log.warn(result.message);
    const planned = result.plan;
    const showPlan = vscode.l10n.t('Show Plan');
    void ask({ kind: planned.plan.blocked ? 'error' : 'info', message: result.message, modal: false, buttons: [showPlan] }).then((a) => {
      if (a === showPlan) void deps.plans.show(planned.plan.cluster, planned.text);
    });
  } else {
    deps.log.error(result.message);
    void showFailure(result.message, deps.log);
  }
  if (result.plan) deps.log.info(`[plan]\n${result.plan.text}`);
  void deps.controller.refresh({ system: true });
  return result.ok;
}

export async function preflightAction(deps: ActionDeps, entry: ClusterEntry): Promise<boolean> {
  if (!trusted()) return false;
  const prepared = await prepare(deps, entry, 'preflight');
  if (!prepared) return false;
  const { agent, document, file, uri, spec } = prepared;
  const { DEFAULT_MAX_CLOCK_SKEW_SECONDS, preflightCluster, preflightFindings, summaryText } = await loadAgent();
  deps.log.info(`Preflight ${entry.cluster.name} through agent ${agent.name}`);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Preflight of {0}', entry.cluster.name), cancellable: true },
    (progress, token) => cancellable(token, (signal) => preflightCluster({
        agent,
        connection: { auth: { secrets: deps.access.secrets, askPassphrase: deps.access.askPassphrase }, hostKeys: deps.access.hostKeys, sshConfig: prepared.sshConfig },
        cluster: spec,
        workspace: deps.controller.workspaceFiles,
        maxClockSkewSeconds: vscode.workspace.getConfiguration('mksGitops').get<number>('preflight.maxClockSkewSeconds', DEFAULT_MAX_CLOCK_SKEW_SECONDS),
        signal,
        onNode: (node, { done, total }) => {
          progress.report({ message: vscode.l10n.t('{0}/{1} nodes', done, total), increment: 100 / Math.max(total, 1) });
          for (const r of node.results) deps.log.info(`[preflight] ${node.hostname ?? `node ${node.index + 1}`} ${r.check}: ${r.status} — ${r.message}`);
        },
      })),
  );
  const summary = summaryText(report);
  deps.log.info(summary);
  if (report.cancelled) {
    // Cancel is cancel: no finding on the spec, and the tree keeps the last completed run.
    void vscode.window.showInformationMessage(summary);
    return false;
  }
  deps.controller.setPreflight(entry.file, entry.cluster.name, preflightRun(report, new Date()));
  deps.diagnostics.set(uri, preflightFindings(report, file, document));
  if (report.ok) void vscode.window.showInformationMessage(summary);
  else void showFailure(summary, deps.log);
  return report.ok;
}

interface Prepared {
  agent: AgentConfig;
  sshConfig: Awaited<ReturnType<typeof sshConfigOf>>;
  uri: vscode.Uri;
  file: YamlFile;
  document: YamlFile['documents'][number];
  spec: Record<string, unknown>;
}

/** Saves the file if needed, re-reads it, and picks the agent (asking when several could serve). */
async function prepare(deps: ActionDeps, entry: ClusterEntry, action: string): Promise<Prepared | undefined> {
  const uri = vscode.Uri.parse(entry.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.isDirty) {
    const save = vscode.l10n.t('Save and Continue');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes.', entry.relativePath), { modal: true }, save)) !== save) return undefined;
    await doc.save();
  }
  const file = new YamlFile(uri.toString(), doc.getText());
  const document = file.documents.find((d) => d.kind === 'Cluster' && (d.value as { metadata?: { name?: unknown } })?.metadata?.name === entry.cluster.name);
  if (!document) {
    void vscode.window.showErrorMessage(vscode.l10n.t('MKS GitOps: {0} is no longer a readable Cluster spec in {1}.', entry.cluster.name, entry.relativePath));
    return undefined;
  }
  const spec = document.value as Record<string, unknown>;
  let agent = agentForCluster(deps.access, spec);
  if ('unavailable' in agent) {
    const requested = await chooseAgentByHand(deps.access, agent.unavailable);
    if (!requested) return undefined;
    agent = agentForCluster(deps.access, spec, requested);
  }
  if ('unavailable' in agent) {
    void vscode.window.showErrorMessage(action === 'apply' ? vscode.l10n.t('MKS GitOps: cannot apply {0}: {1}', entry.cluster.name, agent.unavailable) : vscode.l10n.t('MKS GitOps: cannot preflight {0}: {1}', entry.cluster.name, agent.unavailable), openSettings()).then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'mksGitops.agents');
    });
    return undefined;
  }
  let sshConfig: Prepared['sshConfig'];
  try {
    sshConfig = await sshConfigOf(deps.access);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('MKS GitOps: cannot {0} {1}: {2}', action, entry.cluster.name, (error as Error).message), vscode.l10n.t('Open Settings')).then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'mksGitops.ssh.configFile');
    });
    return undefined;
  }
  return { agent, sshConfig, uri, file, document, spec };
}

/** When no agent follows from the Credentials spec, let the user pick one of the configured agents. */
async function chooseAgentByHand(access: AgentAccess, why: string): Promise<string | undefined> {
  const setting = access.agentsSetting();
  const names = setting && typeof setting === 'object' ? Object.keys(setting) : [];
  if (names.length < 2) {
    // Not awaited: the command ends now; the message stays until the user reads it.
    void vscode.window.showErrorMessage(vscode.l10n.t('MKS GitOps: {0}', why), openSettings()).then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'mksGitops.agents');
    });
    return undefined;
  }
  return vscode.window.showQuickPick(names, { placeHolder: vscode.l10n.t('Agent host to use ({0})', why) });
}

function report(event: ApplyEvent, progress: vscode.Progress<{ message?: string }>, log: vscode.LogOutputChannel): void {
  switch (event.type) {
    case 'step-started':
      progress.report({ message: event.message });
      log.info(`[${event.step}] ${event.message}`);
      return;
    case 'step-finished':
      log.info(`[${event.step}] ${event.message}`);
      return;
    case 'log':
      for (const line of event.text.split('\n').filter((l) => l.trim() !== '')) {
        if (event.stream === 'stderr') log.warn(`[${event.step}] ${line}`);
        else log.info(`[${event.step}] ${line}`);
      }
      return;
    case 'preflight-node':
      for (const r of event.report.results) log.info(`[preflight] ${event.report.hostname ?? `node ${event.report.index + 1}`} ${r.check}: ${r.status} — ${r.message}`);
  }
}

/**
 * The apply confirmation: the counts and every blocker and warning by name (planConfirmation), Apply and Show Plan.
 * Show Plan opens the whole plan and asks again without a modal, so the plan can be read while the question waits.
 */
async function confirmPlan(deps: ActionDeps, planned: ApplyPlan, allowBlocked: boolean): Promise<boolean> {
  const { message, detail, apply } = planConfirmation(planned.plan, allowBlocked);
  const showPlan = vscode.l10n.t('Show Plan');
  const buttons = [...(apply ? [apply] : []), showPlan];
  let answer = await ask({ kind: 'warning', message, detail, modal: true, buttons });
  if (answer === showPlan) {
    await deps.plans.show(planned.plan.cluster, planned.text);
    answer = await ask({ kind: 'warning', message: vscode.l10n.t('{0} The plan is open beside the spec.', message), modal: false, buttons: apply ? [apply] : [] });
  }
  return apply !== undefined && answer === apply;
}

async function confirmWarnings(name: string, warnings: string[]): Promise<boolean> {
  const go = vscode.l10n.t('Apply');
  const shown = warnings.slice(0, 10).join('\n') + (warnings.length > 10 ? '\n' + vscode.l10n.t('… and {0} more', warnings.length - 10) : '');
  const question = warnings.length === 1 ? vscode.l10n.t('{0} has 1 warning. Apply anyway?', name) : vscode.l10n.t('{0} has {1} warnings. Apply anyway?', name, warnings.length);
  const answer = await vscode.window.showWarningMessage(question, { modal: true, detail: shown }, go);
  return answer === go;
}

async function showFailure(message: string, log: vscode.LogOutputChannel): Promise<void> {
  const show = vscode.l10n.t('Show Logs');
  if ((await vscode.window.showErrorMessage(message, show)) === show) log.show();
}

/** The button that opens the agents setting. */
function openSettings(): string {
  return vscode.l10n.t('Open Settings');
}

function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage(vscode.l10n.t('MKS GitOps: SSH actions are off in untrusted workspaces. Trust the workspace to apply or run preflight checks.'));
  return false;
}
