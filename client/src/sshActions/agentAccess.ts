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
  const trustStoreFile = path.join(context.globalStorageUri.fsPath, 'known_hosts');
  return {
    agentsSetting: () => vscode.workspace.getConfiguration('mksGitops').get('agents'),
    sshConfigFile: () => vscode.workspace.getConfiguration('mksGitops').get<string>('ssh.configFile', '~/.ssh/config'),
    workspaceFiles,
    hostKeys: new HostKeyPolicy({ trustStoreFile, ask: askHostKey }),
    // Refreshes run in the background: they never open a dialog (an unknown host key is refused with its fingerprint).
    backgroundHostKeys: new HostKeyPolicy({ trustStoreFile }),
    secrets,
    askPassphrase,
  };
}

async function askHostKey(host: string, fingerprint: string): Promise<boolean> {
  const trust = 'Trust and Connect';
  const answer = await vscode.window.showWarningMessage(
    `MKS GitOps: the host key of ${host} is not known yet.`,
    { modal: true, detail: `Fingerprint: ${fingerprint}\n\nCompare it with the host's key (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting it.` },
    trust,
  );
  return answer === trust;
}

function askPassphrase(keyFile: string, retry: boolean): Promise<string | undefined> {
  return Promise.resolve(
    vscode.window.showInputBox({
      title: 'MKS GitOps: SSH key passphrase',
      prompt: `${retry ? 'Wrong passphrase. ' : ''}Passphrase for ${keyFile} (kept in the OS keychain through VS Code's secret storage)`,
      password: true,
      ignoreFocusOut: true,
    }),
  );
}
