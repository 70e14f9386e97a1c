// The MKS language server: a connection (stdio or node IPC, picked from argv), the open documents, and
// one handler per LSP feature, each delegating to its module in ./lsp.
import {
  CodeActionKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CompletionList,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes } from './lsp/codeActions';
import { credentialsDefinition } from './lsp/definition';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { DocumentStore } from './lsp/documentStore';
import { documentSymbols } from './lsp/documentSymbols';
import { guarded } from './lsp/guard';
import { SettingsStore } from './lsp/settings';
import { WorkspaceCredentials } from './lsp/workspaceCredentials';
import { DeferredYamlService } from './lsp/yamlServiceModule';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new DocumentStore();
const settings = new SettingsStore(connection);
const credentials = new WorkspaceCredentials(
  () => diagnostics.revalidateAll(),
  (message) => connection.console.info(message),
);
const diagnostics = new DiagnosticsPublisher(connection, documents, store, settings, credentials.index);
/** Created at initialize (yaml-language-server shapes its answers by the client's capabilities), loaded later. */
let yaml: DeferredYamlService | undefined;
const log = connection.console;
let workspaceFolders: string[] = [];
let supportsWorkspaceFolders = false;

const isOpen = (uri: string) => documents.get(uri) !== undefined;
const opened = (uri: string) => {
  const document = documents.get(uri);
  return document && { document, file: store.get(document) };
};
const noCompletions: CompletionList = { isIncomplete: false, items: [] };

connection.onInitialize((params) => {
  settings.initialize(params.capabilities);
  yaml = new DeferredYamlService(params.capabilities);
  workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  supportsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
      definitionProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'mks-gitops' },
  };
});

connection.onInitialized(
  guarded(log, 'initialized', undefined, async () => {
    if (supportsWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guarded(log, 'didChangeWorkspaceFolders', undefined, ({ added, removed }) =>
          credentials.changeFolders(added.map((f) => f.uri), removed.map((f) => f.uri), isOpen),
        ),
      );
    }
    await settings.registerForChanges();
    await credentials.scan(workspaceFolders, isOpen);
  }),
);

documents.onDidOpen(
  guarded(log, 'didOpen', undefined, ({ document }) => {
    credentials.updateFromDocument(document.uri, document.getText(), () => store.get(document));
    // Completion and hover load yaml-language-server once the first diagnostics are out (or at their first request).
    return diagnostics.now(document.uri).then(() => {
      setImmediate(() => yaml?.preload());
    });
  }),
);
documents.onDidChangeContent(
  guarded(log, 'didChange', undefined, ({ document }) => {
    credentials.updateFromDocument(document.uri, document.getText(), () => store.get(document));
    diagnostics.schedule(document);
  }),
);
documents.onDidClose(
  guarded(log, 'didClose', undefined, ({ document }) => {
    diagnostics.clear(document.uri);
    store.forget(document.uri);
    return credentials.restoreFromDisk(document.uri);
  }),
);

connection.onDidChangeConfiguration(
  guarded(log, 'didChangeConfiguration', undefined, (change) => {
    settings.changed(change.settings);
    diagnostics.revalidateAll();
  }),
);
connection.onDidChangeWatchedFiles(
  guarded(log, 'didChangeWatchedFiles', undefined, (params) => credentials.applyFileEvents(params.changes, isOpen)),
);

connection.onCompletion(
  guarded(log, 'completion', noCompletions, (params) => {
    const open = opened(params.textDocument.uri);
    return open && yaml ? yaml.complete(open.document, open.file, params.position) : noCompletions;
  }),
);
connection.onHover(
  guarded(log, 'hover', null, (params) => {
    const open = opened(params.textDocument.uri);
    return open && yaml ? yaml.hover(open.document, open.file, params.position) : null;
  }),
);
connection.onCodeAction(
  guarded(log, 'codeAction', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? quickFixes(params, document.version) : [];
  }),
);
connection.onDocumentSymbol(
  guarded(log, 'documentSymbol', [], (params) => {
    const open = opened(params.textDocument.uri);
    return open ? documentSymbols(open.file) : [];
  }),
);
connection.onDefinition(
  guarded(log, 'definition', [], (params) => {
    const open = opened(params.textDocument.uri);
    return open ? credentialsDefinition(open.file, params.position, credentials.index) : [];
  }),
);

documents.listen(connection);
connection.listen();
