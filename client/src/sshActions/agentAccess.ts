// What the SSH actions need from VS Code: the agents setting, our own host-key trust store in globalStorage,
// SecretStorage for passphrases, and the questions (unknown host key, passphrase) asked in the UI.
import path from 'node:path';
import * as vscode from 'vscode';
import { HostKeyPolicy } from '../agent/hostKeys';
import type { YamlFile } from '../../../server/src/engine/yamlFile';
import type { AgentAccess } from './agentSystemSource';
import type { SecretStorageProvider } from './secretStore';

export function createAgentAccess(
  context: vscode.ExtensionContext,
  secrets: SecretStorageProvider,
  workspaceFiles: () => readonly YamlFile[],
): AgentAccess {
  return {
    agentsSetting: () => vscode.workspace.getConfiguration('mksGitops').get('agents'),
    workspaceFiles,
    hostKeys: new HostKeyPolicy({ trustStoreFile: path.join(context.globalStorageUri.fsPath, 'known_hosts'), ask: askHostKey }),
    secrets,
    askPassphrase,
  };
}

async function askHostKey(host: string, fingerprint: string): Promise<boolean> {
  const trust = vscode.l10n.t('Trust and Connect');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('MKS GitOps: the host key of {0} is not known yet.', host),
    { modal: true, detail: vscode.l10n.t("Fingerprint: {0}\n\nCompare it with the host's key (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting it.", fingerprint) },
    trust,
  );
  return answer === trust;
}

function askPassphrase(keyFile: string, retry: boolean): Promise<string | undefined> {
  return Promise.resolve(
    vscode.window.showInputBox({
      title: vscode.l10n.t('MKS GitOps: SSH key passphrase'),
      prompt: retry
        ? vscode.l10n.t("Wrong passphrase. Passphrase for {0} (kept in the OS keychain through VS Code's secret storage)", keyFile)
        : vscode.l10n.t("Passphrase for {0} (kept in the OS keychain through VS Code's secret storage)", keyFile),
      password: true,
      ignoreFocusOut: true,
    }),
  );
}
