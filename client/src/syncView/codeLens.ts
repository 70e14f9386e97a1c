// CodeLens above each Cluster document: "Apply · Preflight · Diff · <state>".
import * as vscode from 'vscode';
import { stateStyles } from '../sync/stateStyle';
import type { SyncController } from './syncController';

export class ClusterCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly controller: SyncController) {
    this.onDidChangeCodeLenses = controller.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const file = document.uri.toString();
    return this.controller.inFile(file).flatMap((entry) => {
      const range = new vscode.Range(entry.cluster.line, 0, entry.cluster.line, 0);
      const target = { file, name: entry.cluster.name };
      const style = stateStyles[entry.status.state];
      const ssh = vscode.workspace.isTrusted
        ? [
            new vscode.CodeLens(range, { title: vscode.l10n.t('$(cloud-upload) Apply'), command: 'mksGitops.apply', arguments: [target], tooltip: vscode.l10n.t('Apply {0} through the agent host', entry.cluster.name) }),
            new vscode.CodeLens(range, { title: vscode.l10n.t('Preflight'), command: 'mksGitops.preflight', arguments: [target], tooltip: vscode.l10n.t('Check every node over SSH') }),
          ]
        : [];
      return [
        ...ssh,
        new vscode.CodeLens(range, { title: vscode.l10n.t('Diff'), command: 'mksGitops.showDiff', arguments: [target], tooltip: vscode.l10n.t("Compare with the system's version") }),
        new vscode.CodeLens(range, { title: `$(${style.icon.id}) ${style.word}`, command: 'mksGitops.revealCluster', arguments: [target], tooltip: style.meaning }),
      ];
    });
  }
}
