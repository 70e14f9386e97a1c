// Git facts for the sync view from VS Code's built-in Git extension (`vscode.git`, API v1), falling back to
// the git CLI where that extension is disabled or does not know the repository. Also tells when HEAD moves.
import * as vscode from 'vscode';
import type { GitSnapshot } from '../sync/gitSnapshot';
import { gitSnapshotFromCli } from './gitCli';

/** The small part of the Git extension's API we use (see vscode/extensions/git/src/api/git.d.ts). */
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}
interface GitApi {
  readonly repositories: Repository[];
  getRepository(uri: vscode.Uri): Repository | null;
  readonly onDidOpenRepository: vscode.Event<Repository>;
}
interface Repository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD: { name?: string; commit?: string; upstream?: { remote: string; name: string }; ahead?: number; behind?: number } | undefined;
    readonly onDidChange: vscode.Event<void>;
  };
  show(ref: string, path: string): Promise<string>;
}

export class GitReader implements vscode.Disposable {
  private readonly headChanged = new vscode.EventEmitter<void>();
  /** Fires when HEAD of any repository moves (commit, checkout, pull). */
  readonly onDidChangeHead = this.headChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.headChanged];
  private readonly heads = new Map<string, string | undefined>();
  private api: GitApi | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.connect();
    // The CLI path has no events; watch the refs so HEAD changes still refresh the view.
    const watcher = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,refs/heads/**}');
    const changed = () => {
      if (!this.api) this.headChanged.fire();
    };
    this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed));
  }

  async snapshot(uri: vscode.Uri, text: string): Promise<GitSnapshot> {
    const repository = uri.scheme === 'file' ? this.api?.getRepository(uri) : undefined;
    if (!repository) return uri.scheme === 'file' ? gitSnapshotFromCli(uri.fsPath, text) : { kind: 'no-repository' };
    const head = repository.state.HEAD;
    const branch = head?.name ? { branch: head.name } : {};
    if (!head?.commit) return { kind: 'untracked', ...branch };
    let headText: string;
    try {
      headText = await repository.show('HEAD', uri.fsPath);
    } catch {
      return { kind: 'untracked', ...branch, commit: head.commit };
    }
    const upstream = head.upstream ? { upstream: `${head.upstream.remote}/${head.upstream.name}`, ahead: head.ahead ?? 0, behind: head.behind ?? 0 } : {};
    return { kind: 'tracked', ...branch, commit: head.commit, headText, dirty: headText !== text, ...upstream };
  }

  private connect(): void {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) {
      this.log.info('Git extension not available: using the git command line.');
      return;
    }
    const attach = (git: GitExtension) => {
      if (!git.enabled) {
        this.log.info('Git extension disabled: using the git command line.');
        return;
      }
      this.api = git.getAPI(1);
      this.api.repositories.forEach((r) => this.watch(r));
      this.disposables.push(this.api.onDidOpenRepository((r) => this.watch(r)));
    };
    if (extension.isActive) attach(extension.exports);
    else extension.activate().then(attach, (error: Error) => this.log.warn(`Git extension failed to start (${error.message}): using the git command line.`));
  }

  private watch(repository: Repository): void {
    const key = repository.rootUri.toString();
    this.heads.set(key, repository.state.HEAD?.commit);
    this.disposables.push(
      repository.state.onDidChange(() => {
        const commit = repository.state.HEAD?.commit;
        if (this.heads.get(key) === commit) return;
        this.heads.set(key, commit);
        this.headChanged.fire();
      }),
    );
    this.headChanged.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
