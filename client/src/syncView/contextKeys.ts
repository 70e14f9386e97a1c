// Context keys for `when` clauses in package.json: which files hold cluster specs (explorer menus), whether
// the workspace has any (command palette, welcome view), and whether the active editor shows one (editor menus).
import * as vscode from 'vscode';
import { activeCluster } from './activeCluster';
import type { SyncController } from './syncController';

export class ContextKeys implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly controller: SyncController) {
    this.disposables = [controller.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  private update(): void {
    void vscode.commands.executeCommand('setContext', 'mksGitops.scanned', this.controller.scanned);
    const files = [...new Set(this.controller.clusters.map((c) => vscode.Uri.parse(c.file).fsPath))];
    void vscode.commands.executeCommand('setContext', 'mksGitops.clusterFiles', files);
    void vscode.commands.executeCommand('setContext', 'mksGitops.hasClusters', files.length > 0);
    void vscode.commands.executeCommand('setContext', 'mksGitops.activeClusterSpec', activeCluster(this.controller) !== undefined);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
