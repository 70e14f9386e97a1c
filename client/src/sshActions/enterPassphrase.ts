// "Enter Passphrase": the action behind the tree's "needs passphrase" state. Background refreshes never ask;
// this asks (once, with one retry after a wrong one), keeps the passphrase in secret storage when it opens the
// key, and then reads the system again.
import * as vscode from 'vscode';
import type { ClusterEntry } from '../sync/treeModel';
import type { SyncController } from '../syncView/syncController';
import { loadAgent } from './agentModule';
import type { AgentAccess } from './agentSystemSource';

export async function enterPassphrase(controller: SyncController, access: AgentAccess, entry: ClusterEntry): Promise<boolean> {
  const system = entry.system;
  if (system?.kind !== 'needs-passphrase') {
    void vscode.window.showInformationMessage(vscode.l10n.t('MKS GitOps: {0} does not wait for a passphrase.', entry.cluster.name));
    return false;
  }
  const { loadKey } = await loadAgent();
  try {
    await loadKey(system.keyFile, { secrets: access.secrets, askPassphrase: access.askPassphrase });
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('MKS GitOps: {0}', (error as Error).message));
    return false;
  }
  await controller.refresh({ system: true });
  return true;
}
