// The cluster spec the user is looking at: the Cluster document under the cursor in the active editor.
import * as vscode from 'vscode';
import type { ClusterEntry } from '../sync/treeModel';
import type { SyncController } from './syncController';

/** The cluster under the cursor in the active editor (the last one starting above it), or the file's first. */
export function activeCluster(controller: SyncController): ClusterEntry | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const entries = controller.inFile(editor.document.uri.toString());
  const line = editor.selection.active.line;
  return [...entries].reverse().find((e) => e.cluster.line <= line) ?? entries[0];
}
