// "Pull from System": write the system's version into the file (comments and order kept where fields did not
// change) as one undoable edit; the user reviews and saves.
import * as vscode from 'vscode';
import { pullFromSystem, smallestEdit } from '../sync/pullFromSystem';
import type { ClusterEntry } from '../sync/treeModel';
import type { SyncController } from './syncController';

export async function pullFromSystemCommand(controller: SyncController, entry: ClusterEntry): Promise<boolean> {
  const systemText = controller.systemText(entry.file, entry.cluster.name);
  if (systemText === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t("MKS GitOps: the system's version of {0} is not known; refresh the view from the agent first.", entry.cluster.name));
    return false;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.file));
  const result = pullFromSystem(document.getText(), systemText, entry.cluster.name);
  if (result.kind === 'unchanged') {
    void vscode.window.showInformationMessage(vscode.l10n.t('MKS GitOps: {0} already matches the system.', entry.cluster.name));
    return false;
  }
  if (result.kind === 'failed') {
    void vscode.window.showErrorMessage(vscode.l10n.t('MKS GitOps: cannot pull {0}: {1}', entry.cluster.name, result.reason));
    return false;
  }
  const changes = entry.status.changes;
  const pull = vscode.l10n.t('Pull');
  const detail = changes.slice(0, 12).map((c) => `• ${c.label}`).join('\n') + (changes.length > 12 ? '\n' + vscode.l10n.t('… and {0} more', changes.length - 12) : '');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t("Overwrite {0} in {1} with the system's version?", entry.cluster.name, entry.relativePath), { modal: true, detail }, pull);
  if (answer !== pull) return false;
  const edit = new vscode.WorkspaceEdit();
  const { start, end, text } = smallestEdit(document.getText(), result.text);
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), text);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) await vscode.window.showTextDocument(document);
  return applied;
}
