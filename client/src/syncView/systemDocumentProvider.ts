// Read-only virtual documents with the system's version of a cluster, for the diff editor. The system's spec is
// laid over the file's own text (Pull from System's merge), so the diff shows what differs, not formatting.
import * as vscode from 'vscode';
import { pullFromSystem } from '../sync/pullFromSystem';
import type { SyncController } from './syncController';

export const SYSTEM_SCHEME = 'mks-system';

export class SystemDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: SyncController) {
    // Open system documents follow each refresh; closed ones are forgotten.
    this.subscriptions = [
      controller.onDidChange(() => this.open.forEach((u) => this.changed.fire(vscode.Uri.parse(u)))),
      vscode.workspace.onDidCloseTextDocument((d) => this.open.delete(d.uri.toString())),
    ];
  }

  /** `mks-system:/<project>/<name>.yaml?<file uri>`: the path names the cluster for the editor tab. */
  static uriFor(file: string, project: string, name: string): vscode.Uri {
    return vscode.Uri.from({ scheme: SYSTEM_SCHEME, path: `/${project}/${name}.yaml`, query: file });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.open.add(uri.toString());
    const file = uri.query;
    const name = uri.path.split('/').pop()!.replace(/\.yaml$/, '');
    const systemText = this.controller.systemText(file, name);
    if (systemText === undefined) return `# The system's version of ${name} is not known: refresh the MKS Clusters view.\n`;
    const fileText = (await vscode.workspace.openTextDocument(vscode.Uri.parse(file))).getText();
    const pulled = pullFromSystem(fileText, systemText, name);
    if (pulled.kind === 'updated') return pulled.text;
    if (pulled.kind === 'unchanged') return fileText;
    return `# ${pulled.reason} The system's answer as received:\n${systemText}`;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
