// Keeps the engine's CredentialsIndex in step with the workspace: the open documents (their unsaved
// text wins), a bounded scan of the workspace folders at start, and the client's file-change events.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { isSkippedDirectory, isSpecFileName, MAX_SPEC_FILE_BYTES, MAX_SPEC_FILES } from '../engine/specFiles';
import { CredentialsIndex } from '../engine/workspaceIndex';
import { YamlFile } from '../engine/yamlFile';

/**
 * A top-level `kind: Credentials` line: text without one holds no Credentials spec worth a parse
 * (a comment naming Credentials in a cluster spec does not match; a flow-style document is missed).
 */
const MAY_HOLD_CREDENTIALS = /^kind:[ \t]*["']?Credentials\b/m;

export class WorkspaceCredentials {
  readonly index = new CredentialsIndex();
  /** Files that held Credentials specs at their last update: a change to one of them changes what is known. */
  private readonly withCredentials = new Set<string>();

  constructor(
    /** Called when the set of known Credentials may have changed (open documents then need validating again). */
    private readonly onDidChange: () => void,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * An open document's current text (opened or changed). `parsed` is only called when the text may hold
   * Credentials or did before, so typing in a cluster spec costs no parse here (diagnostics parse it once typing pauses).
   */
  updateFromDocument(uri: string, text: string, parsed: () => YamlFile): void {
    if (this.withCredentials.has(uri) || MAY_HOLD_CREDENTIALS.test(text)) this.record(parsed());
  }

  /** A document was closed: what is on disk counts again (or nothing, if it was never saved). */
  async restoreFromDisk(uri: string): Promise<void> {
    const text = URI.parse(uri).scheme === 'file' ? await readYaml(URI.parse(uri).fsPath) : undefined;
    if (text !== undefined && MAY_HOLD_CREDENTIALS.test(text)) this.record(new YamlFile(uri, text));
    else this.forget(uri);
  }

  /** Files created, changed or deleted on disk; `isOpen` tells which ones an open document already covers. */
  async applyFileEvents(events: FileEvent[], isOpen: (uri: string) => boolean): Promise<void> {
    for (const event of events) {
      if (isOpen(event.uri) || !isSpecFileName(event.uri)) continue;
      if (event.type === FileChangeType.Deleted) this.forget(event.uri);
      else await this.restoreFromDisk(event.uri);
    }
  }

  /** Indexes the Credentials specs under the workspace folders (skipping node_modules and .git, at most MAX_SPEC_FILES files). */
  async scan(folderUris: string[], isOpen: (uri: string) => boolean): Promise<void> {
    const files: string[] = [];
    for (const folder of folderUris) {
      const uri = URI.parse(folder);
      if (uri.scheme === 'file') await collectYamlFiles(uri.fsPath, files);
    }
    if (files.length >= MAX_SPEC_FILES) this.log(`Workspace scan stopped at ${MAX_SPEC_FILES} YAML files; Credentials specs beyond them are not known until opened.`);
    let found = false;
    for (const file of files) {
      const uri = URI.file(file).toString();
      if (isOpen(uri)) continue;
      const text = await readYaml(file);
      // Most YAML in a workspace is something else: skip the parse when the text cannot hold a Credentials spec.
      if (text === undefined || !MAY_HOLD_CREDENTIALS.test(text)) continue;
      found = this.record(new YamlFile(uri, text), false) || found;
    }
    if (found) this.onDidChange();
  }

  /** Workspace folders were added or removed (multi-root workspaces). */
  async changeFolders(added: string[], removed: string[], isOpen: (uri: string) => boolean): Promise<void> {
    for (const folder of removed) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      for (const uri of [...this.withCredentials]) if (uri.startsWith(prefix) && !isOpen(uri)) this.forget(uri);
    }
    await this.scan(added, isOpen);
  }

  /** Returns whether the file holds Credentials specs now or did before (and tells the listener, unless asked not to). */
  private record(file: YamlFile, notify = true): boolean {
    const had = this.withCredentials.has(file.uri);
    const has = file.documents.some((d) => d.kind === 'Credentials');
    this.index.update(file);
    if (has) this.withCredentials.add(file.uri);
    else this.withCredentials.delete(file.uri);
    if ((had || has) && notify) this.onDidChange();
    return had || has;
  }

  private forget(uri: string): void {
    this.index.remove(uri);
    if (this.withCredentials.delete(uri)) this.onDidChange();
  }
}

async function collectYamlFiles(directory: string, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to index there
  }
  for (const entry of entries) {
    if (into.length >= MAX_SPEC_FILES) return;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !isSkippedDirectory(entry.name)) await collectYamlFiles(full, into);
    else if (entry.isFile() && isSpecFileName(entry.name)) into.push(full);
  }
}

/** The file's text, or undefined when it is missing, unreadable or too large to be a spec. */
async function readYaml(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_SPEC_FILE_BYTES) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
