// A real LSP client for the tests: spawns the built `dist/server.js --stdio` (or `--node-ipc`) and talks
// JSON-RPC to it (vscode-jsonrpc's createMessageConnection, re-exported by vscode-languageserver/node).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { statSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';

const root = path.resolve(__dirname, '../..');
const serverBundle = path.join(root, 'dist/server.js');

export const fileUri = (file: string) => pathToFileURL(file).toString();
export const examplePath = (name: string) => path.join(root, 'examples', name);

export interface StartOptions {
  /** Workspace folder the server scans for Credentials specs. */
  workspaceFolder?: string;
  /** The `mksGitops` settings section the client answers workspace/configuration with. */
  settings?: Record<string, unknown>;
  /** How the server is started: `--stdio` (default) or node IPC, as the VS Code client starts it. */
  transport?: 'stdio' | 'ipc';
  /** false: a client that cannot answer workspace/configuration and only pushes settings. */
  pullSettings?: boolean;
  /** Node options before the bundle (stdio only), e.g. `--require` of a probe. */
  nodeArgs?: string[];
  /** Another copy of the server bundle to run (default dist/server.js). */
  bundle?: string;
}

export class LspTestClient {
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;

  private constructor(
    child: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.listeners.forEach((l) => l());
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'mksGitops' ? this.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    assertBundleIsFresh();
    const ipc = options.transport === 'ipc';
    const bundle = options.bundle ?? serverBundle;
    const child = ipc
      ? fork(bundle, ['--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
      : spawn(process.execPath, [...(options.nodeArgs ?? []), bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = ipc
      ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (chunk) => client.logs.push(String(chunk)));
    const folder = options.workspaceFolder;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder ? fileUri(folder) : null,
      workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
      capabilities: {
        workspace: {
          configuration: options.pullSettings ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change, as VS Code sends while typing: `text` replaces `range`. */
  edit(uri: string, range: Range, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Changes the settings the client reports and tells the server, like VS Code does. */
  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mksGitops: settings } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /**
   * The first diagnostics published for `uri` from index `after` on that satisfy `accept` (the server
   * publishes on open and after each change). Fails with the last ones seen when none come.
   */
  diagnostics(uri: string, accept: (d: PublishDiagnosticsParams) => boolean = () => true, after = 0, waitMs = 15_000) {
    return new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const check = () => {
        const hit = this.published.slice(after).find((p) => p.uri === uri && accept(p));
        if (!hit) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        const last = this.published.filter((p) => p.uri === uri).pop();
        reject(new Error(`No matching diagnostics for ${uri}; last: ${JSON.stringify(last?.diagnostics)}\n${this.logs.join('\n')}`));
      }, waitMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** shutdown + exit, as a client must; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}

/** What dist/server.js is built from (the CLI and the client are not in it). */
const bundleSources = ['server/src/server.ts', 'server/src/lsp', 'server/src/engine', 'schemas'];

/** The tests run the bundle; fail clearly instead of testing an old build (`npm test` builds first). */
function assertBundleIsFresh(): void {
  const built = statSync(serverBundle, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const newer = bundleSources.flatMap((p) => sourceFiles(path.join(root, p))).find((f) => statSync(f).mtimeMs > built);
  if (built < 0 || newer) {
    const why = built < 0 ? 'is missing' : `is older than ${path.relative(root, newer!)}`;
    throw new Error(`${path.relative(root, serverBundle)} ${why}: run \`npm run build\` first (\`npm test\` does).`);
  }
}

function sourceFiles(file: string): string[] {
  if (!statSync(file).isDirectory()) return [file];
  return readdirSync(file).flatMap((name) => sourceFiles(path.join(file, name)));
}

/** Line/character of the `occurrence`-th `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 1): Position {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetIn(text, range.start), offsetIn(text, range.end));
}

/** Applies non-overlapping text edits, as a client does with a WorkspaceEdit. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits]
    .sort((a, b) => offsetIn(text, b.range.start) - offsetIn(text, a.range.start))
    .reduce((t, e) => t.slice(0, offsetIn(text, e.range.start)) + e.newText + t.slice(offsetIn(text, e.range.end)), text);
}

function offsetIn(text: string, position: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((n, line) => n + line.length + 1, 0) + position.character;
}
