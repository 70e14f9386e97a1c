// A language server child process spoken to over stdio with a real JSON-RPC connection: open/change
// documents, wait for their diagnostics, send requests, read the process's peak memory.
// Used by the benchmarks (ours vs yaml-language-server) and by the fuzz suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  code?: string | number;
  source?: string;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification arrived. */
  at: number;
}

export interface SessionOptions {
  /** Command and arguments, e.g. ['node', 'dist/server.js', '--stdio']. */
  command: readonly string[];
  rootPath: string;
  /** Answers to `workspace/configuration`, by section name (e.g. `yaml`, `mksGitops`). */
  configuration?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Server stderr goes here (default: dropped). */
  onStderr?: (chunk: string) => void;
}

interface Waiter {
  uri: string;
  accept: (p: PublishedDiagnostics) => boolean;
  resolve: (p: PublishedDiagnostics) => void;
}

export class LspSession {
  private readonly waiters: Waiter[] = [];
  private readonly latest = new Map<string, PublishedDiagnostics>();
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  capabilities: Record<string, unknown> = {};

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    private readonly options: SessionOptions,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      }),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: Omit<PublishedDiagnostics, 'at'>) => {
      const published = { ...params, at: performance.now() };
      this.latest.set(params.uri, published);
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && w.accept(published)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(published);
        }
      }
    });
    // Server → client requests: configuration pulls get the configured sections, the rest a plain null.
    connection.onRequest((method: string, params: unknown) => {
      if (method === 'workspace/configuration') {
        const items = (params as { items?: { section?: string }[] })?.items ?? [];
        return items.map((item) => (item.section ? (this.options.configuration?.[item.section] ?? null) : null));
      }
      return null;
    });
    connection.onNotification(() => undefined);
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const [command, ...args] = options.command;
    const child = spawn(command, args, { cwd: options.rootPath, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => options.onStderr?.(chunk));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    // A dead server shows up as a failed request or a closed connection, never as an uncaught write error.
    child.stdin!.on('error', () => undefined);
    connection.onError(() => undefined);
    connection.listen();
    const session = new LspSession(child, connection, options);
    const rootUri = pathToFileURL(options.rootPath).href;
    const result = await session.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
        },
      },
    });
    session.capabilities = result.capabilities;
    await session.connection.sendNotification('initialized', {});
    if (options.configuration) {
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: options.configuration });
    }
    return session;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Undefined while the server runs; its exit code and signal once it stopped. */
  get exit() {
    return this.exitInfo;
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    if (this.exitInfo) return Promise.reject(new Error(`server exited (${JSON.stringify(this.exitInfo)})`));
    return Promise.race([
      this.connection.sendRequest(method, params) as Promise<T>,
      this.exited.then(() => Promise.reject(new Error(`server exited during ${method} (${JSON.stringify(this.exitInfo)})`))),
    ]);
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** A whole-document change: valid for both full and incremental sync. */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next diagnostics published for `uri` that `accept` takes (default: any), or a timeout error. */
  nextDiagnostics(
    uri: string,
    accept: (p: PublishedDiagnostics) => boolean = () => true,
    timeoutMs = 60_000,
  ): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  latestDiagnostics(uri: string): PublishedDiagnostics | undefined {
    return this.latest.get(uri);
  }

  /** Peak resident set size of the server process so far (VmHWM), in MiB. */
  peakRssMiB(): number {
    return statusKiB(this.pid, 'VmHWM') / 1024;
  }

  /** Current resident set size (VmRSS), in MiB. */
  rssMiB(): number {
    return statusKiB(this.pid, 'VmRSS') / 1024;
  }

  async stop(): Promise<void> {
    if (!this.exitInfo) {
      const graceful = (async () => {
        await this.request('shutdown', null);
        await this.connection.sendNotification('exit');
      })().catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
      await graceful;
      await this.exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}

function statusKiB(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}
