// The "MKS Clusters" view: a thin adapter from the plain tree model to VS Code TreeItems.
import * as vscode from 'vscode';
import type { TreeNode } from '../sync/treeModel';
import type { SyncController } from './syncController';

export class SyncTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly controller: SyncController) {
    this.onDidChangeTreeData = controller.onDidChange;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children : [...this.controller.tree];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.controller.parentOf(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.open) item.command = { command: 'mksGitops.openSpec', title: vscode.l10n.t('Open Spec'), arguments: [node] };
    // The cluster row carries its file, so VS Code adds the file's problem count and Git decoration to it.
    if (node.kind === 'cluster' && node.open) item.resourceUri = vscode.Uri.parse(node.open.file);
    return item;
  }
}
