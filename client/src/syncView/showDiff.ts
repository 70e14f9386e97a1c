// "Show Diff": the built-in diff editor, the system's version (virtual document) on the left, the file on the right.
import * as vscode from 'vscode';
import { SystemDocumentProvider } from './systemDocumentProvider';
import type { ClusterEntry } from '../sync/treeModel';
import type { SyncController } from './syncController';

export async function showDiff(controller: SyncController, entry: ClusterEntry): Promise<boolean> {
  if (controller.systemText(entry.file, entry.cluster.name) === undefined) {
    const reason = entry.system && entry.system.kind !== 'present' ? entry.status.reasons[entry.status.reasons.length - 1] : undefined;
    // Not awaited: the command returns at once; the button asks the agent and the user runs the diff again.
    void vscode.window.showInformationMessage(reason ? vscode.l10n.t("MKS GitOps: the system's version of {0} is not known ({1}).", entry.cluster.name, reason) : vscode.l10n.t("MKS GitOps: the system's version of {0} is not known.", entry.cluster.name), vscode.l10n.t('Refresh from Agent')).then((a) => {
      if (a) void controller.refresh({ system: true });
    });
    return false;
  }
  const left = SystemDocumentProvider.uriFor(entry.file, entry.cluster.project, entry.cluster.name);
  await vscode.commands.executeCommand('vscode.diff', left, vscode.Uri.parse(entry.file), vscode.l10n.t('{0}: System ↔ File', entry.cluster.name), { preview: true });
  return true;
}
