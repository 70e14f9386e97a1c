// Preflight results as diagnostics on the nodes' lines, in their own collection (not the language server's).
import * as vscode from 'vscode';
import type { Finding } from '../../server/src/engine/findings';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class PreflightDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mks-preflight');

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
    this.collection.dispose();
  }
}
