// SSH key passphrases in VS Code's SecretStorage (the OS keychain), behind the agent code's SecretProvider.
// Only the key ids (key file paths) are listed in globalState, so "Forget Passphrases" can remove them all.
import * as vscode from 'vscode';
import type { SecretProvider } from '../agent/auth';

const PREFIX = 'mksGitops.passphrase:';
const INDEX = 'mksGitops.passphraseKeyIds';

export class SecretStorageProvider implements SecretProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  get(keyId: string): Promise<string | undefined> {
    return Promise.resolve(this.context.secrets.get(PREFIX + keyId));
  }

  async store(keyId: string, value: string): Promise<void> {
    await this.context.secrets.store(PREFIX + keyId, value);
    await this.context.globalState.update(INDEX, [...new Set([...this.keyIds(), keyId])]);
  }

  async delete(keyId: string): Promise<void> {
    await this.context.secrets.delete(PREFIX + keyId);
    await this.context.globalState.update(INDEX, this.keyIds().filter((k) => k !== keyId));
  }

  /** Removes every stored passphrase; returns how many there were. */
  async forgetAll(): Promise<number> {
    const ids = this.keyIds();
    for (const id of ids) await this.delete(id);
    return ids.length;
  }

  private keyIds(): string[] {
    return this.context.globalState.get<string[]>(INDEX, []);
  }
}
