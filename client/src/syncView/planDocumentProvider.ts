// "Show Plan": the change plan of an apply as a read-only document, one change per line (mks-plan:/<cluster>.plan).
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'mks-plan';

export class PlanDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? `# This plan is gone: apply again to see the current plan.\n`;
  }

  /** Opens the plan of `cluster` beside the editor (the same tab shows the newest plan of that cluster). */
  async show(cluster: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${cluster}.plan` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
    return document;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
