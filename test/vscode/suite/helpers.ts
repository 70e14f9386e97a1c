// Shared by the integration tests: the workspace the runner prepared, the extension under test, and polling waits
// (the language server answers asynchronously; tests wait for a state, never for a fixed time).
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'mks-gitops.mks-gitops';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test run opened no workspace folder');
  return folder.uri.fsPath;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

/** Writes a file into the throwaway workspace (the runner's copy of examples/) and returns its URI. */
export function writeWorkspaceFile(relative: string, text: string): vscode.Uri {
  const uri = workspaceUri(relative);
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, text);
  return uri;
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/**
 * A known editor state for the next test: every unsaved document reverted (untitled ones discarded) and every
 * editor closed, whatever the previous test left open. The run turns auto-save off (scripts/code-shim.js), so an
 * unsaved edit stays unsaved until a test saves or reverts it.
 */
export async function resetEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('every document to be saved or reverted', () => (vscode.workspace.textDocuments.some((d) => d.isDirty) ? undefined : true));
}

/** Polls `probe` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${why}`);
}

/** The diagnostics of `uri` once `accept` holds for them. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, accept: (d: readonly vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const diags = vscode.languages.getDiagnostics(uri);
    return accept(diags) ? diags : undefined;
  });
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The position just after the first occurrence of `needle` in the document (throws if absent). */
export function positionAfter(doc: vscode.TextDocument, needle: string): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(offset + needle.length);
}
