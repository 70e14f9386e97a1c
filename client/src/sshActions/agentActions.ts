// Apply and Preflight from VS Code: the agent code does the work; this module asks (warnings, uncommitted
// changes), shows progress (cancellable), streams the log, and turns the results into diagnostics and tree state.
// The agent code is loaded (./agentModule) once an agent is chosen, not when the extension activates.
import * as vscode from 'vscode';
import type { ApplyEvent } from '../agent/apply';
import type { AgentConfig } from '../agent/agentConfig';
import { loadAgent } from './agentModule';
import { agentForCluster, type AgentAccess } from './agentSystemSource';
import { YamlFile } from '../../../server/src/engine/yamlFile';
import type { PreflightDiagnostics } from './preflightDiagnostics';
import { preflightRun } from './preflightRun';
import type { ClusterEntry } from '../sync/treeModel';
import { engineSettings } from '../settings';
import type { SyncController } from '../syncView/syncController';

export interface ActionDeps {
  controller: SyncController;
  access: AgentAccess;
  log: vscode.LogOutputChannel;
  diagnostics: PreflightDiagnostics;
}

export async function applyAction(deps: ActionDeps, entry: ClusterEntry): Promise<boolean> {
  if (!trusted()) return false;
  const prepared = await prepare(deps, entry, 'apply');
  if (!prepared) return false;
  const { agent, document, file, uri } = prepared;
  if (entry.status.gitComparison === 'different' || entry.status.gitComparison === 'untracked') {
    const go = 'Apply Anyway';
    const answer = await vscode.window.showWarningMessage(
      `${entry.cluster.name} has changes that are not committed to Git.`,
      { modal: true, detail: 'GitOps keeps Git as the source of truth: commit first, or apply the working copy anyway (the apply record will name no commit).' },
      go,
    );
    if (answer !== go) return false;
  }
  const { applyCluster, DEFAULT_MAX_CLOCK_SKEW_SECONDS } = await loadAgent();
  const config = vscode.workspace.getConfiguration('mksGitops');
  deps.log.info(`Apply ${entry.cluster.name} (${entry.relativePath}) through agent ${agent.name}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Applying ${entry.cluster.name}`, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return applyCluster({
        file,
        document,
        workspace: deps.controller.workspaceFiles,
        settings: engineSettings(),
        agent,
        hostKeys: deps.access.hostKeys,
        secrets: deps.access.secrets,
        askPassphrase: deps.access.askPassphrase,
        preflight: config.get<boolean>('apply.preflight', true),
        maxClockSkewSeconds: config.get<number>('preflight.maxClockSkewSeconds', DEFAULT_MAX_CLOCK_SKEW_SECONDS),
        confirmWarnings: (warnings) => confirmWarnings(entry.cluster.name, warnings.map((w) => `line ${w.range.start.line + 1}: ${w.message}`)),
        onEvent: (event) => report(event, progress, deps.log),
        signal: abort.signal,
        ...(entry.git.kind === 'tracked' && entry.status.gitComparison === 'same' && entry.git.commit ? { gitCommit: entry.git.commit } : {}),
      });
    },
  );
  if (result.preflight) {
    deps.controller.setPreflight(entry.file, entry.cluster.name, preflightRun(result.preflight, new Date()));
    deps.diagnostics.set(uri, result.findings.filter((f) => f.code.startsWith('preflight-')));
  }
  if (result.ok) {
    deps.log.info(result.message);
    void vscode.window.showInformationMessage(result.message);
  } else {
    deps.log.error(result.message);
    void showFailure(result.message, deps.log);
  }
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
    { location: vscode.ProgressLocation.Notification, title: `Preflight of ${entry.cluster.name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return preflightCluster({
        agent,
        connection: { auth: { secrets: deps.access.secrets, askPassphrase: deps.access.askPassphrase }, hostKeys: deps.access.hostKeys },
        cluster: spec,
        workspace: deps.controller.workspaceFiles,
        maxClockSkewSeconds: vscode.workspace.getConfiguration('mksGitops').get<number>('preflight.maxClockSkewSeconds', DEFAULT_MAX_CLOCK_SKEW_SECONDS),
        signal: abort.signal,
        onNode: (node, { done, total }) => {
          progress.report({ message: `${done}/${total} nodes`, increment: 100 / Math.max(total, 1) });
          for (const r of node.results) deps.log.info(`[preflight] ${node.hostname ?? `node ${node.index + 1}`} ${r.check}: ${r.status} — ${r.message}`);
        },
      });
    },
  );
  deps.controller.setPreflight(entry.file, entry.cluster.name, preflightRun(report, new Date()));
  deps.diagnostics.set(uri, preflightFindings(report, file, document));
  const summary = summaryText(report);
  deps.log.info(summary);
  if (report.ok) void vscode.window.showInformationMessage(summary);
  else void showFailure(summary, deps.log);
  return report.ok;
}

interface Prepared {
  agent: AgentConfig;
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
    const save = 'Save and Continue';
    if ((await vscode.window.showWarningMessage(`${entry.relativePath} has unsaved changes.`, { modal: true }, save)) !== save) return undefined;
    await doc.save();
  }
  const file = new YamlFile(uri.toString(), doc.getText());
  const document = file.documents.find((d) => d.kind === 'Cluster' && (d.value as { metadata?: { name?: unknown } })?.metadata?.name === entry.cluster.name);
  if (!document) {
    void vscode.window.showErrorMessage(`MKS GitOps: ${entry.cluster.name} is no longer a readable Cluster spec in ${entry.relativePath}.`);
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
    void vscode.window.showErrorMessage(`MKS GitOps: cannot ${action} ${entry.cluster.name}: ${agent.unavailable}`, 'Open Settings').then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'mksGitops.agents');
    });
    return undefined;
  }
  return { agent, uri, file, document, spec };
}

/** When no agent follows from the Credentials spec, let the user pick one of the configured agents. */
async function chooseAgentByHand(access: AgentAccess, why: string): Promise<string | undefined> {
  const setting = access.agentsSetting();
  const names = setting && typeof setting === 'object' ? Object.keys(setting) : [];
  if (names.length < 2) {
    // Not awaited: the command ends now; the message stays until the user reads it.
    void vscode.window.showErrorMessage(`MKS GitOps: ${why}`, 'Open Settings').then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'mksGitops.agents');
    });
    return undefined;
  }
  return vscode.window.showQuickPick(names, { placeHolder: `Agent host to use (${why})` });
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

async function confirmWarnings(name: string, warnings: string[]): Promise<boolean> {
  const go = 'Apply';
  const shown = warnings.slice(0, 10).join('\n') + (warnings.length > 10 ? `\n… and ${warnings.length - 10} more` : '');
  const answer = await vscode.window.showWarningMessage(`${name} has ${warnings.length} warning${warnings.length === 1 ? '' : 's'}. Apply anyway?`, { modal: true, detail: shown }, go);
  return answer === go;
}

async function showFailure(message: string, log: vscode.LogOutputChannel): Promise<void> {
  const show = 'Show Logs';
  if ((await vscode.window.showErrorMessage(message, show)) === show) log.show();
}

function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage('MKS GitOps: SSH actions are off in untrusted workspaces. Trust the workspace to apply or run preflight checks.');
  return false;
}
