// A status-bar item for the cluster spec in the active editor: its state in one word; a click shows it in the view.
import * as vscode from 'vscode';
import { activeCluster } from './activeCluster';
import { stateStyles } from '../sync/stateStyle';
import { md } from '../sync/treeModel';
import type { SyncController } from './syncController';

export class ClusterStatusBarItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mksGitops.clusterState', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly controller: SyncController) {
    this.item.name = 'MKS Cluster State';
    this.disposables.push(
      controller.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.update()),
    );
    this.update();
  }

  private update(): void {
    const entry = activeCluster(this.controller);
    if (!entry) {
      this.item.hide();
      return;
    }
    const style = stateStyles[entry.status.state];
    this.item.text = `$(${style.icon.id}) ${entry.cluster.name}: ${style.word}`;
    this.item.tooltip = new vscode.MarkdownString(`**${md(entry.cluster.name)}** (${md(entry.cluster.project)}): ${style.meaning}\n\n${entry.status.reasons.map((r) => `- ${md(r)}`).join('\n')}`);
    this.item.command = { command: 'mksGitops.revealCluster', title: vscode.l10n.t('Show in MKS Clusters'), arguments: [{ file: entry.file, name: entry.cluster.name }] };
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
