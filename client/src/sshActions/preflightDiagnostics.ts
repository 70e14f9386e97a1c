// Preflight results as diagnostics on the nodes' lines, in their own collection (not the language server's).
import * as vscode from 'vscode';
import type { Finding } from '../../../server/src/engine/findings';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class PreflightDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mks-preflight');
  // Results are about the spec as it was checked; once it is edited their lines may be wrong, so they go.
  private readonly edits = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length > 0 && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
  });

  /** Replaces the file's preflight diagnostics with these findings. */
  set(uri: vscode.Uri, findings: readonly Finding[]): void {
    this.collection.set(
      uri,
      findings.map((f) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
          f.message,
          SEVERITY[f.severity],
        );
        d.code = f.code;
        d.source = 'mks preflight';
        return d;
      }),
    );
  }

  dispose(): void {
    this.edits.dispose();
    this.collection.dispose();
  }
}
