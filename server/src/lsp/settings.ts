// The `mksGitops.*` VS Code settings → EngineSettings. Pulled with workspace/configuration when the
// client supports it (VS Code does), else taken from what didChangeConfiguration pushes.
import { DidChangeConfigurationNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';
import { fromSettingsSection, type EngineSettings } from '../engine/settings';
import { isRecord } from '../engine/yamlFile';

export const SETTINGS_SECTION = 'mksGitops';

export class SettingsStore {
  private canPull = false;
  private canRegister = false;
  private pushed: unknown;
  private current: Promise<EngineSettings> | undefined;

  constructor(private readonly connection: Connection) {}

  initialize(capabilities: ClientCapabilities): void {
    this.canPull = capabilities.workspace?.configuration === true;
    this.canRegister = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  }

  /** Asks the client to tell us about settings changes (clients that support dynamic registration need this). */
  async registerForChanges(): Promise<void> {
    if (this.canRegister) await this.connection.client.register(DidChangeConfigurationNotification.type, undefined);
  }

  get(): Promise<EngineSettings> {
    this.current ??= this.load();
    return this.current;
  }

  /** A didChangeConfiguration arrived: the next get() reads the settings afresh. */
  changed(pushed: unknown): void {
    this.pushed = isRecord(pushed) ? pushed[SETTINGS_SECTION] : undefined;
    this.current = undefined;
  }

  private async load(): Promise<EngineSettings> {
    if (!this.canPull) return fromSettingsSection(this.pushed);
    try {
      return fromSettingsSection(await this.connection.workspace.getConfiguration(SETTINGS_SECTION));
    } catch (error) {
      this.connection.console.error(`Reading the ${SETTINGS_SECTION} settings failed, using defaults: ${(error as Error).message}`);
      return fromSettingsSection(this.pushed);
    }
  }
}
