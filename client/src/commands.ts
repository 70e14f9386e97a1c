// Every `mksGitops.*` command, each resolving its cluster and handing over to the module that does the job.
// Commands return what they did (for scripts and the integration tests).
import * as vscode from 'vscode';
import { applyAction, cancelRunning, preflightAction, type ActionDeps } from './sshActions/agentActions';
import { enterPassphrase } from './sshActions/enterPassphrase';
import { resolveCluster } from './syncView/clusterTarget';
import type { NewClusterAnswers } from './wizard/newClusterSpec';
import { newClusterWizard } from './wizard/newClusterWizard';
import { pullFromSystemCommand } from './syncView/pullFromSystemCommand';
import type { SecretStorageProvider } from './sshActions/secretStore';
import { showDiff } from './syncView/showDiff';
import type { TreeNode } from './sync/treeModel';
import type { SyncController } from './syncView/syncController';

export interface CommandDeps extends ActionDeps {
  secrets: SecretStorageProvider;
  treeView: vscode.TreeView<TreeNode>;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { controller } = deps;
  const withCluster =
    <T>(run: (entry: NonNullable<Awaited<ReturnType<typeof resolveCluster>>>) => Promise<T>) =>
    async (arg?: unknown): Promise<T | undefined> => {
      const entry = await resolveCluster(controller, arg);
      return entry ? run(entry) : undefined;
    };
  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('mksGitops.refresh', () => controller.refresh({ system: true })),
    register('mksGitops.apply', withCluster((entry) => applyAction(deps, entry))),
    register('mksGitops.preflight', withCluster((entry) => preflightAction(deps, entry))),
    register('mksGitops.showDiff', withCluster((entry) => showDiff(controller, entry))),
    register('mksGitops.pullFromSystem', withCluster((entry) => pullFromSystemCommand(controller, entry))),
    register('mksGitops.openSpec', (arg?: unknown) => openSpec(controller, arg)),
    register('mksGitops.revealCluster', withCluster((entry) => reveal(controller, deps.treeView, entry.file, entry.cluster.name))),
    register('mksGitops.newClusterSpec', (answers?: NewClusterAnswers, target?: vscode.Uri) => newClusterWizard(controller, answers, target)),
    register('mksGitops.showLogs', () => deps.log.show()),
    register('mksGitops.cancelOperation', () => cancelRunning()),
    register('mksGitops.enterPassphrase', withCluster((entry) => enterPassphrase(controller, deps.access, entry))),
    register('mksGitops.forgetPassphrases', async () => {
      const n = await deps.secrets.forgetAll();
      void vscode.window.showInformationMessage(n === 1 ? vscode.l10n.t('MKS GitOps: forgot 1 stored SSH key passphrase.') : vscode.l10n.t('MKS GitOps: forgot {0} stored SSH key passphrases.', n));
      return n;
    }),
  ];
}

/** Opens the spec at the node's line (tree), or the cluster's document (other callers). */
async function openSpec(controller: SyncController, arg: unknown): Promise<vscode.TextEditor | undefined> {
  const node = arg as Partial<TreeNode> | undefined;
  const place = node?.open ?? (await resolveCluster(controller, arg).then((e) => (e ? { file: e.file, line: e.cluster.line } : undefined)));
  if (!place) return undefined;
  const position = new vscode.Position(place.line, 0);
  return vscode.window.showTextDocument(vscode.Uri.parse(place.file), { selection: new vscode.Range(position, position), preview: true });
}

async function reveal(controller: SyncController, view: vscode.TreeView<TreeNode>, file: string, name: string): Promise<void> {
  const entry = controller.find(file, name);
  const node = entry && controller.clusterNode(entry);
  if (node) await view.reveal(node, { select: true, focus: true, expand: true });
}
