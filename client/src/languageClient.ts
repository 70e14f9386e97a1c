// Starts nothing by itself: builds the language client for the bundled MKS language server
// (dist/server.js over node IPC). The extension starts it and stops it on deactivate.
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/lsp/processOptions';
import { SPEC_FILE_GLOB } from '../../server/src/engine/specFiles';

/** The id is also the settings prefix: `mksGitops.trace.server` traces this client. */
export const LANGUAGE_CLIENT_ID = 'mksGitops';

export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'] } },
  };
  // Tells the server about YAML files changing on disk, so it knows the workspace's Credentials specs.
  const yamlFiles = workspace.createFileSystemWatcher(SPEC_FILE_GLOB);
  context.subscriptions.push(yamlFiles);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: LANGUAGE_CLIENT_ID, fileEvents: yamlFiles },
  };
  return new LanguageClient(LANGUAGE_CLIENT_ID, 'MKS GitOps', serverOptions, clientOptions);
}
