// Quick fixes: each of our diagnostics carries its rule's fixes (Diagnostic.data); offer them as code
// actions, but only for the document version they were computed on (stale edits would land wrongly).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Fix, TextEdit } from '../engine/findings';
import { isRecord } from '../engine/yamlFile';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

export function quickFixes(params: CodeActionParams, version: number): CodeAction[] {
  const { only } = params.context;
  if (only && !only.some(coversQuickFix)) return [];
  return params.context.diagnostics.flatMap((diagnostic) =>
    fixesOf(diagnostic, version).map((fix) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.preferred === true,
      edit: { changes: { [params.textDocument.uri]: fix.edits } },
    })),
  );
}

/** Code action kinds are hierarchical: `quickfix` is asked for by `quickfix` itself or by the empty kind. */
function coversQuickFix(kind: string): boolean {
  return kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`);
}

/** The fixes in a diagnostic's data; the client sends it back, so its shape is checked, not trusted. */
function fixesOf(diagnostic: Diagnostic, version: number): Fix[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isRecord(diagnostic.data)) return [];
  const data = diagnostic.data as Partial<DiagnosticData>;
  if (data.version !== version || !Array.isArray(data.fixes)) return [];
  return data.fixes.filter(
    (fix): fix is Fix => isRecord(fix) && typeof fix.title === 'string' && Array.isArray(fix.edits) && fix.edits.every(isTextEdit),
  );
}

function isTextEdit(edit: unknown): edit is TextEdit {
  return isRecord(edit) && typeof edit.newText === 'string' && isRange(edit.range);
}

function isRange(range: unknown): boolean {
  const isPosition = (p: unknown) => isRecord(p) && Number.isInteger(p.line) && Number.isInteger(p.character);
  return isRecord(range) && isPosition(range.start) && isPosition(range.end);
}
