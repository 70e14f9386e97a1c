// Keeps the sync view's model up to date: finds the Cluster specs in the workspace, validates them, asks Git
// and (when asked to) the system, and computes each cluster's state with the plain model in ./sync.
// Refreshes are coalesced and run in the background; talking to the agent shows progress and can be cancelled.
import * as vscode from 'vscode';
import type { Finding } from '../../../server/src/engine/findings';
import { MAX_SPEC_FILE_BYTES, MAX_SPEC_FILES, mayHoldSpecs, SKIPPED_GLOB, SPEC_FILE_GLOB } from '../../../server/src/engine/specFiles';
import { validate } from '../../../server/src/engine/validate';
import { CredentialsIndex } from '../../../server/src/engine/workspaceIndex';
import { YamlFile } from '../../../server/src/engine/yamlFile';
import { mapLimit } from '../agent/mapLimit';
import { engineSettings } from '../settings';
import type { GitReader } from '../git/gitApi';
import { clusterDocuments, type ClusterDocument } from '../sync/clusterDocuments';
import { clusterStatus, type ValidationSummary } from '../sync/clusterState';
import type { GitSnapshot } from '../sync/gitSnapshot';
import { systemSpecText, type SystemSnapshot, type SystemStateSource } from '../sync/systemState';
import { buildTree, clusterNodeId, type ClusterEntry, type PreflightRun, type TreeNode } from '../sync/treeModel';

const SYSTEM_PARALLELISM = 4;

export interface SyncControllerOptions {
  log: vscode.LogOutputChannel;
  git: GitReader;
  /** The system side, or why it cannot be asked (no agent configured, untrusted workspace). */
  system: () => SystemStateSource | { unavailable: string };
}

export interface RefreshOptions {
  /** Ask the agent host too (button, timer, after an apply); otherwise keep the last answers. */
  system?: boolean;
}

export class SyncController implements vscode.Disposable {
  private entries: ClusterEntry[] = [];
  private files: YamlFile[] = [];
  private scans = 0;
  private nodes: TreeNode[] = [];
  private readonly parents = new Map<string, TreeNode>();
  private readonly systemAnswers = new Map<string, SystemSnapshot>();
  private readonly preflightRuns = new Map<string, PreflightRun>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private running: Promise<void> | undefined;
  private queued: RefreshOptions | undefined;
  private systemAbort: AbortController | undefined;

  constructor(private readonly options: SyncControllerOptions) {}

  /** The workspace has been searched at least once (until then an empty view means "not known yet"). */
  get scanned(): boolean {
    return this.scans > 0;
  }

  get clusters(): readonly ClusterEntry[] {
    return this.entries;
  }

  /** The MKS spec files of the last scan (Cluster and Credentials), parsed. */
  get workspaceFiles(): readonly YamlFile[] {
    return this.files;
  }

  get tree(): readonly TreeNode[] {
    return this.nodes;
  }

  parentOf(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  find(file: string, name: string): ClusterEntry | undefined {
    return this.entries.find((e) => e.file === file && e.cluster.name === name);
  }

  inFile(file: string): ClusterEntry[] {
    return this.entries.filter((e) => e.file === file);
  }

  clusterNode(entry: ClusterEntry): TreeNode | undefined {
    const id = clusterNodeId(entry.file, entry.cluster.name);
    return this.nodes.flatMap((p) => p.children).find((c) => c.id === id);
  }

  /** The system's spec text for a cluster, from the last answer. */
  systemText(file: string, name: string): string | undefined {
    return systemSpecText(this.systemAnswers.get(clusterNodeId(file, name)));
  }

  setPreflight(file: string, name: string, run: PreflightRun): void {
    this.preflightRuns.set(clusterNodeId(file, name), run);
    this.entries = this.entries.map((e) => (e.file === file && e.cluster.name === name ? { ...e, preflight: run } : e));
    this.publish();
  }

  /** Starts a refresh (or queues one behind the running refresh) and resolves when the model is current. */
  refresh(options: RefreshOptions = {}): Promise<void> {
    if (this.running) {
      this.queued = { system: Boolean(this.queued?.system || options.system) };
      return this.running.then(() => this.running ?? Promise.resolve());
    }
    this.running = this.run(options).finally(() => {
      this.running = undefined;
      const next = this.queued;
      this.queued = undefined;
      if (next) void this.refresh(next);
    });
    return this.running;
  }

  private async run(options: RefreshOptions): Promise<void> {
    try {
      const clusters = await this.readWorkspace();
      this.scans++;
      this.entries = clusters.map((c) => this.entryOf(c));
      this.publish();
      if (options.system) await this.askSystem(clusters);
    } catch (error) {
      this.options.log.error(`Refreshing the MKS Clusters view failed: ${(error as Error).message}`);
    }
  }

  /** Every Cluster spec of the workspace with its validation and Git facts (no agent involved). */
  private async readWorkspace(): Promise<LocalCluster[]> {
    const settings = engineSettings();
    const uris = await vscode.workspace.findFiles(SPEC_FILE_GLOB, SKIPPED_GLOB, MAX_SPEC_FILES);
    if (uris.length >= MAX_SPEC_FILES) this.options.log.warn(`The MKS Clusters view read the first ${MAX_SPEC_FILES} YAML files only; specs beyond them are not listed.`);
    const files = (await Promise.all(uris.map((uri) => readSpecFile(uri, this.options.log)))).filter((f): f is SpecFile => f !== undefined);
    this.files = files.map((f) => f.yaml);
    const credentials = new CredentialsIndex();
    files.forEach((f) => credentials.update(f.yaml));
    const out: LocalCluster[] = [];
    for (const file of files) {
      const clusters = clusterDocuments(file.yaml);
      if (clusters.length === 0) continue;
      const findings = validate(file.yaml, { settings, credentials });
      const git = await this.options.git.snapshot(file.uri, file.yaml.text).catch((error: Error): GitSnapshot => ({ kind: 'error', reason: error.message }));
      for (const cluster of clusters) {
        out.push({ file, cluster, git, validation: summarize(findings, file.yaml, cluster) });
      }
    }
    return out;
  }

  private entryOf(local: LocalCluster): ClusterEntry {
    const file = local.file.uri.toString();
    const system = this.systemAnswers.get(clusterNodeId(file, local.cluster.name));
    const preflight = this.preflightRuns.get(clusterNodeId(file, local.cluster.name));
    return {
      file,
      relativePath: vscode.workspace.asRelativePath(local.file.uri),
      cluster: local.cluster,
      validation: local.validation,
      git: local.git,
      system,
      status: clusterStatus({ name: local.cluster.name, file: local.cluster.value, validation: local.validation, git: local.git, system }),
      ...(preflight ? { preflight } : {}),
    };
  }

  private async askSystem(clusters: LocalCluster[]): Promise<void> {
    const source = this.options.system();
    if ('unavailable' in source) {
      for (const c of clusters) this.systemAnswers.set(clusterNodeId(c.file.uri.toString(), c.cluster.name), { kind: 'unknown', reason: source.unavailable });
      this.entries = clusters.map((c) => this.entryOf(c));
      this.publish();
      return;
    }
    this.systemAbort?.abort();
    const abort = new AbortController();
    this.systemAbort = abort;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `MKS: checking ${clusters.length} cluster${clusters.length === 1 ? '' : 's'} on the agent` },
      async () => {
        await mapLimit(
          clusters,
          SYSTEM_PARALLELISM,
          async (c) => {
            const id = clusterNodeId(c.file.uri.toString(), c.cluster.name);
            const identity = { name: c.cluster.name, project: c.cluster.project, file: c.file.uri.fsPath, fileText: c.file.yaml.text };
            const answer = await source.read(identity, abort.signal).catch(
              (error: Error): SystemSnapshot => ({ kind: 'unreachable', source: 'agent', reason: error.message }),
            );
            if (abort.signal.aborted) return;
            this.systemAnswers.set(id, answer);
            this.entries = this.entries.map((e) => (clusterNodeId(e.file, e.cluster.name) === id ? this.entryOf(c) : e));
            this.publish();
          },
          abort.signal,
        );
      },
    );
  }

  private publish(): void {
    this.nodes = buildTree(this.entries, new Date());
    this.parents.clear();
    const index = (node: TreeNode) => node.children.forEach((c) => (this.parents.set(c.id, node), index(c)));
    this.nodes.forEach(index);
    this.changed.fire();
  }

  dispose(): void {
    this.systemAbort?.abort();
    this.changed.dispose();
  }
}

interface SpecFile {
  uri: vscode.Uri;
  yaml: YamlFile;
}

interface LocalCluster {
  file: SpecFile;
  cluster: ClusterDocument;
  git: GitSnapshot;
  validation: ValidationSummary;
}

/** The editor's text when the file is open (unsaved edits count), else the file on disk. */
async function readSpecFile(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<SpecFile | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  if (open) text = open.getText();
  else {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_SPEC_FILE_BYTES) {
        log.warn(`${vscode.workspace.asRelativePath(uri)} is not listed in the MKS Clusters view: larger than ${MAX_SPEC_FILE_BYTES / 1024 / 1024} MiB.`);
        return undefined;
      }
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // deleted or unreadable since the search: it simply is not listed
    }
  }
  if (!mayHoldSpecs(text)) return undefined;
  return { uri, yaml: new YamlFile(uri.toString(), text) };
}

/** Findings that fall inside the cluster's own document. */
function summarize(findings: Finding[], file: YamlFile, cluster: ClusterDocument): ValidationSummary {
  const range = file.documents[cluster.index].doc.range;
  const [start, end] = range ? [file.position(range[0]).line, file.position(range[2]).line] : [0, Number.MAX_SAFE_INTEGER];
  const inside = findings.filter((f) => f.range.start.line >= start && f.range.start.line <= end);
  const errors = inside.filter((f) => f.severity === 'error');
  return {
    errors: errors.length,
    warnings: inside.filter((f) => f.severity === 'warning').length,
    ...(errors[0] ? { firstError: errors[0].message } : {}),
  };
}
