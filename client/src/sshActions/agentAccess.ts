// What the SSH actions need from VS Code: the agents setting, our own host-key trust store in globalStorage,
// SecretStorage for passphrases, and the questions (unknown host key, passphrase) asked in the UI.
import path from 'node:path';
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { appendKnownHost, HostKeyPolicy } from '../agent/hostKeys';
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
    hostKeys: new HostKeyPolicy({ trustStoreFile, ask: askHostKey, onAccepted: (host, port, key) => alsoToUserKnownHosts(context, host, port, key) }),
    // Refreshes run in the background: they never open a dialog (an unknown host key is refused with its fingerprint).
    backgroundHostKeys: new HostKeyPolicy({ trustStoreFile }),
    secrets,
    askPassphrase,
  };
}

const WRITE_USER_KNOWN_HOSTS = 'mksGitops.writeUserKnownHosts';

/**
 * A key accepted here may also go to ~/.ssh/known_hosts, so `ssh` in a terminal trusts it too. Asked once;
 * the answer (always / never) is remembered in globalState ("Forget Stored SSH Passphrases" does not touch it).
 */
async function alsoToUserKnownHosts(context: vscode.ExtensionContext, host: string, port: number, key: Buffer): Promise<void> {
  let answer = context.globalState.get<'always' | 'never'>(WRITE_USER_KNOWN_HOSTS);
  const file = path.join(homedir(), '.ssh', 'known_hosts');
  if (answer === undefined) {
    const always = vscode.l10n.t('Always Add There');
    const never = vscode.l10n.t('Never');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('MKS GitOps: also add the host keys you accept to {0}?', file),
      { modal: true, detail: vscode.l10n.t('Then ssh in a terminal trusts them too. MKS GitOps always keeps its own trust store; this question is asked once.') },
      always,
      never,
    );
    if (choice === undefined) return; // dismissed: ask again next time
    answer = choice === always ? 'always' : 'never';
    await context.globalState.update(WRITE_USER_KNOWN_HOSTS, answer);
  }
  if (answer === 'always') await appendKnownHost(file, host, port, key);
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
