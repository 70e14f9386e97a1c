// Problems for files that are not open (`mksGitops.validate.workspace`): every MKS spec under the workspace
// folders gets its diagnostics, kept current on file changes (workspace/didChangeWatchedFiles), on settings
// changes and when the known Credentials change. Off the hot path: one file per turn of the event loop, each
// turn yielding to pending messages, and no work at all while the user is typing (a pause of IDLE_MS first).
// `auto` (the default) is on for workspaces with fewer than AUTO_LIMIT YAML files. Open documents are left to
// the DiagnosticsPublisher (their unsaved text wins); a closed one is validated again from disk.
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { validate } from '../engine/validate';
import type { CredentialsIndex } from '../engine/workspaceIndex';
import { isSpecFileName, mayHoldSpecs } from '../engine/specFiles';
import { YamlFile } from '../engine/yamlFile';
import { toDiagnostic } from './diagnostics';
import type { SettingsStore } from './settings';
import { collectYamlFiles, readYaml } from './workspaceCredentials';

/** `auto` validates workspaces with fewer YAML files than this. */
export const AUTO_LIMIT = 500;
/** After a document is opened or typed in, background validation waits this long. */
const IDLE_MS = 400;
/** Diagnostics of a file on disk have no document version; their fixes are offered once the file is open. */
const NO_VERSION = -1;

export class WorkspaceDiagnostics {
  private folders: string[] = [];
  /** URIs of the YAML files under the workspace folders (as the scan found them, then kept by file events). */
  private readonly files = new Set<string>();
  /** URIs with diagnostics published by this class (so turning it off or deleting a file clears them). */
  private readonly published = new Set<string>();
  private readonly queue = new Set<string>();
  private enabled = false;
  private running = false;
  private lastTyping = 0;
  /** What the log last said about the feature being on or off (said again only when it changes). */
  private state = '';

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
    private readonly credentials: CredentialsIndex,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** The workspace folders at start (or after a change): lists their YAML files and applies the setting. */
  async scan(folders: string[]): Promise<void> {
    this.folders = folders;
    const paths: string[] = [];
    for (const folder of folders) {
      const uri = URI.parse(folder);
      if (uri.scheme === 'file') await collectYamlFiles(uri.fsPath, paths);
    }
    this.files.clear();
    for (const p of paths) this.files.add(URI.file(p).toString());
    await this.configure();
  }

  /** Workspace folders were added or removed. */
  changeFolders(added: string[], removed: string[]): Promise<void> {
    const gone = removed.map((f) => (f.endsWith('/') ? f : `${f}/`));
    for (const uri of this.published) if (gone.some((prefix) => uri.startsWith(prefix))) this.clear(uri);
    return this.scan([...this.folders.filter((f) => !removed.includes(f)), ...added]);
  }

  /** The settings may have changed: on, off, or `auto` by the number of YAML files. */
  async configure(): Promise<void> {
    const mode = await this.settings.workspaceValidation();
    const enabled = mode === 'on' || (mode === 'auto' && this.files.size < AUTO_LIMIT);
    const why = mode === 'auto' ? ` (auto: ${this.files.size} YAML files, limit ${AUTO_LIMIT - 1})` : ` (${mode} in the settings)`;
    const state = `Workspace validation ${enabled ? 'on' : 'off'}${why}.`;
    if (state !== this.state) this.connection.console.info(state);
    this.state = state;
    this.enabled = enabled;
    if (enabled) this.revalidateAll();
    else for (const uri of [...this.published]) this.clear(uri);
  }

  /** Everything again (the known Credentials or the settings changed). */
  revalidateAll(): void {
    if (!this.enabled) return;
    for (const uri of this.files) this.enqueue(uri);
  }

  /** A document was opened or typed in: background work waits for a pause. */
  activity(): void {
    this.lastTyping = performance.now();
  }

  /** An open document was closed: what is on disk is validated (the DiagnosticsPublisher has cleared it). */
  closed(uri: string): void {
    if (this.files.has(uri)) this.enqueue(uri);
  }

  /** Files created, changed or deleted on disk. */
  fileEvents(events: readonly FileEvent[]): void {
    for (const { uri, type } of events) {
      if (URI.parse(uri).scheme !== 'file' || !isSpecFileName(uri) || !this.inFolders(uri)) continue;
      if (type === FileChangeType.Deleted) {
        this.files.delete(uri);
        this.queue.delete(uri);
        if (!this.isOpen(uri)) this.clear(uri);
      } else {
        this.files.add(uri);
        this.enqueue(uri);
      }
    }
  }

  private inFolders(uri: string): boolean {
    return this.folders.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
  }

  private enqueue(uri: string): void {
    if (!this.enabled) return;
    this.queue.add(uri);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.step());
    }
  }

  /** One file per turn; waits while the user types. */
  private async step(): Promise<void> {
    const quiet = performance.now() - this.lastTyping;
    if (quiet < IDLE_MS) {
      setTimeout(() => void this.step(), IDLE_MS - quiet);
      return;
    }
    const next = this.queue.values().next();
    if (next.done || !this.enabled) {
      this.running = false;
      return;
    }
    this.queue.delete(next.value);
    try {
      await this.validateFile(next.value);
    } catch (error) {
      this.connection.console.error(`Validating ${next.value} in the background failed: ${(error as Error).message}`);
    }
    setImmediate(() => void this.step());
  }

  private async validateFile(uri: string): Promise<void> {
    if (this.isOpen(uri)) return;
    const text = await readYaml(URI.parse(uri).fsPath);
    if (text === undefined || !mayHoldSpecs(text)) {
      if (this.published.has(uri) && !this.isOpen(uri)) this.clear(uri);
      return;
    }
    const settings = await this.settings.get();
    const findings = validate(new YamlFile(uri, text), { settings, credentials: this.credentials });
    // Opened (or the feature turned off) while this file was read: the open document's diagnostics win.
    if (this.isOpen(uri) || !this.enabled) return;
    if (findings.length === 0 && !this.published.has(uri)) return;
    await this.connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, NO_VERSION)) });
    if (findings.length > 0) this.published.add(uri);
    else this.published.delete(uri);
  }

  private clear(uri: string): void {
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
