// Wires the extension: language client, sync model, tree view, CodeLens, status bar, diff documents, commands
// and refresh triggers. Everything else lives in the modules named here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createAgentAccess } from './sshActions/agentAccess';
import { AgentSystemSource } from './sshActions/agentSystemSource';
import { ClusterCodeLensProvider } from './syncView/codeLens';
import { registerCommands } from './commands';
import { ContextKeys } from './syncView/contextKeys';
import { GitReader } from './git/gitApi';
import { createLanguageClient } from './languageClient';
import { PreflightDiagnostics } from './sshActions/preflightDiagnostics';
import { RefreshTriggers } from './syncView/refreshTriggers';
import { SecretStorageProvider } from './sshActions/secretStore';
import { ClusterStatusBarItem } from './syncView/statusBarItem';
import type { ClusterEntry, TreeNode } from './sync/treeModel';
import { SyncController, type RefreshOptions } from './syncView/syncController';
import { SyncTreeProvider } from './syncView/syncTreeProvider';
import { SYSTEM_SCHEME, SystemDocumentProvider } from './syncView/systemDocumentProvider';

/** What the extension exports, for the integration tests and other extensions. */
export interface MksGitopsApi {
  refresh(options?: RefreshOptions): Promise<void>;
  clusters(): readonly ClusterEntry[];
  tree(): readonly TreeNode[];
  /** How long activate() took, and activate() → the language client started (initialize answered), in ms. */
  startup: { activateMs: number; languageClientStarted: Promise<number | undefined> };
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): MksGitopsApi {
  const activation = performance.now();
  const log = vscode.window.createOutputChannel('MKS GitOps', { log: true });
  const secrets = new SecretStorageProvider(context);
  const git = new GitReader(log);
  // The agent reads the cluster's Credentials spec from the workspace files the controller scanned.
  const access = createAgentAccess(context, secrets, () => controller.workspaceFiles);
  const source = new AgentSystemSource(access);
  const controller = new SyncController({
    log,
    git,
    system: () => (vscode.workspace.isTrusted ? source : { unavailable: 'SSH actions are off in untrusted workspaces' }),
  });
  const treeProvider = new SyncTreeProvider(controller);
  const treeView = vscode.window.createTreeView('mksGitops.clusters', { treeDataProvider: treeProvider, showCollapseAll: true });
  const systemDocuments = new SystemDocumentProvider(controller);
  const diagnostics = new PreflightDiagnostics();

  context.subscriptions.push(
    log,
    git,
    controller,
    treeView,
    systemDocuments,
    diagnostics,
    vscode.workspace.registerTextDocumentContentProvider(SYSTEM_SCHEME, systemDocuments),
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, new ClusterCodeLensProvider(controller)),
    new ClusterStatusBarItem(controller),
    new RefreshTriggers(controller, git),
    new ContextKeys(controller),
    ...registerCommands({ controller, access, log, diagnostics, secrets, treeView }),
  );

  client = createLanguageClient(context);
  const languageClientStarted = client.start().then(
    () => performance.now() - activation,
    (error: Error) => void log.error(`The MKS language server did not start: ${error.message}`),
  );
  void controller.refresh();

  const startup = { activateMs: performance.now() - activation, languageClientStarted };
  return { refresh: (options) => controller.refresh(options), clusters: () => controller.clusters, tree: () => controller.tree, startup };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
