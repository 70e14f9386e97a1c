// When the sync view refreshes: on save, on YAML files created or deleted, on a Git HEAD change, on settings
// changes, when the workspace becomes trusted, and on a timer (`mksGitops.sync.refreshIntervalSeconds`, off by
// default). Local refreshes keep the agent's last answers; the timer and trust also ask the agent again.
import * as vscode from 'vscode';
import { SPEC_FILE_GLOB } from '../../../server/src/engine/specFiles';
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
      vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'yaml' && this.soon()),
      git.onDidChangeHead(() => this.soon()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.soon({ system: true })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mksGitops.sync.refreshIntervalSeconds')) this.schedule();
        if (e.affectsConfiguration('mksGitops')) this.soon({ system: e.affectsConfiguration('mksGitops.agents') });
      }),
    );
    this.schedule();
  }

  /** Debounced: a burst of saves or ref updates makes one refresh. */
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
