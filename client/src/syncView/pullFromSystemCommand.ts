// "Pull from System": write the system's version into the file (comments and order kept where fields did not
// change) as one undoable edit, after a confirmation listing each change system → file; the user reviews and saves.
import * as vscode from 'vscode';
import { pullConfirmation } from '../sync/pullConfirmation';
import { pullFromSystem, smallestEdit } from '../sync/pullFromSystem';
import { ask } from './dialogs';
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
  const confirmation = pullConfirmation(document.getText(), systemText, entry.cluster.name, entry.relativePath);
  if (!confirmation) return false; // pullFromSystem above already found both sides readable
  const pull = vscode.l10n.t('Pull');
  const answer = await ask({ kind: 'warning', message: confirmation.message, detail: confirmation.detail, modal: true, buttons: [pull] });
  if (answer !== pull) return false;
  const edit = new vscode.WorkspaceEdit();
  const { start, end, text } = smallestEdit(document.getText(), result.text);
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), text);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) await vscode.window.showTextDocument(document);
  return applied;
}
