// Which cluster a command is about: a tree node, a CodeLens/status-bar argument ({file, name}), a file URI
// (explorer or editor context menu), or else the cluster under the cursor; a QuickPick when it is ambiguous.
import * as vscode from 'vscode';
import { activeCluster } from './activeCluster';
import type { ClusterEntry } from '../sync/treeModel';
import type { SyncController } from './syncController';

export interface ClusterRef {
  file: string;
  name: string;
}

export async function resolveCluster(controller: SyncController, arg: unknown): Promise<ClusterEntry | undefined> {
  if (controller.clusters.length === 0) await controller.refresh();
  const ref = refOf(arg);
  if (ref) {
    const entry = controller.find(ref.file, ref.name) ?? (await controller.refresh().then(() => controller.find(ref.file, ref.name)));
    if (!entry) void vscode.window.showWarningMessage(vscode.l10n.t('MKS GitOps: no readable Cluster spec {0} in {1}.', ref.name, ref.file));
    return entry;
  }
  const candidates = arg instanceof vscode.Uri ? controller.inFile(arg.toString()) : [];
  if (candidates.length === 1) return candidates[0];
  const active = arg instanceof vscode.Uri ? undefined : activeCluster(controller);
  if (active) return active;
  const choices = candidates.length > 0 ? candidates : controller.clusters;
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('MKS GitOps: no Cluster spec found (a document with apiVersion infra.k8smgmt.io/v3, kind Cluster, spec.type mks).'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    choices.map((entry) => ({ label: entry.cluster.name, description: entry.cluster.project, detail: entry.relativePath, entry })),
    { placeHolder: vscode.l10n.t('Which cluster?') },
  );
  return pick?.entry;
}

function refOf(arg: unknown): ClusterRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const candidate = 'cluster' in arg && arg.cluster && typeof arg.cluster === 'object' ? arg.cluster : arg;
  const { file, name } = candidate as Partial<ClusterRef>;
  return typeof file === 'string' && typeof name === 'string' ? { file, name } : undefined;
}
