// When the sync view refreshes: on an edit of an open spec (unsaved text counts: typing, undo, revert), on save,
// on YAML files created or deleted, on a Git HEAD change, on settings changes, when the workspace becomes trusted,
// and on a timer (`mksGitops.sync.refreshIntervalSeconds`, off by default). Bursts are debounced into one refresh.
// Local refreshes keep the agent's last answers; the timer and trust also ask the agent again.
import * as vscode from 'vscode';
import { mayHoldSpecs, SPEC_FILE_GLOB } from '../../../server/src/engine/specFiles';
import type { GitReader } from '../git/gitApi';
import type { RefreshOptions, SyncController } from './syncController';

const DEBOUNCE_MS = 300;

export class RefreshTriggers implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private pendingSystem = false;

  constructor(
    private readonly controller: SyncController,
    git: GitReader,
  ) {
    const yaml = vscode.workspace.createFileSystemWatcher(SPEC_FILE_GLOB, false, true, false);
    this.disposables.push(
      yaml,
      yaml.onDidCreate(() => this.soon()),
      yaml.onDidDelete(() => this.soon()),
      // A revert or an undo back to the saved text changes the state as much as typing does.
      vscode.workspace.onDidChangeTextDocument((e) => this.isSpec(e.document) && this.soon()),
      vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'yaml' && this.soon()),
      git.onDidChangeHead(() => this.soon()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.soon({ system: true })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mksGitops.sync.refreshIntervalSeconds')) this.schedule();
        // Settings take effect without a reload: the agents and the SSH client configuration are read per operation.
        if (e.affectsConfiguration('mksGitops')) this.soon({ system: e.affectsConfiguration('mksGitops.agents') || e.affectsConfiguration('mksGitops.ssh.configFile') });
      }),
    );
    this.schedule();
  }

  /** A spec the view lists, or YAML that now names the MKS API group (a spec being written). */
  private isSpec(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file' || document.languageId !== 'yaml') return false;
    return this.controller.inFile(document.uri.toString()).length > 0 || mayHoldSpecs(document.getText());
  }

  /** Debounced: a burst of edits, saves or ref updates makes one refresh. */
  private soon(options: RefreshOptions = {}): void {
    this.pendingSystem ||= Boolean(options.system);
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      const system = this.pendingSystem;
      this.pendingSystem = false;
      void this.controller.refresh({ system });
    }, DEBOUNCE_MS);
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const seconds = vscode.workspace.getConfiguration('mksGitops').get<number>('sync.refreshIntervalSeconds', 0);
    if (seconds > 0) this.timer = setInterval(() => void this.controller.refresh({ system: true }), Math.max(seconds, 10) * 1000);
  }

  dispose(): void {
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.disposables.forEach((d) => d.dispose());
  }
}
