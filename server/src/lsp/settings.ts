// The `mksGitops.*` VS Code settings → EngineSettings. Pulled with workspace/configuration when the
// client supports it (VS Code does), else taken from what didChangeConfiguration pushes.
import { DidChangeConfigurationNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';
import { fromSettingsSection, type EngineSettings } from '../engine/settings';
import { isRecord } from '../engine/yamlFile';

export const SETTINGS_SECTION = 'mksGitops';

export type WorkspaceValidation = 'on' | 'off' | 'auto';

export class SettingsStore {
  private canPull = false;
  private canRegister = false;
  private pushed: unknown;
  private current: Promise<{ engine: EngineSettings; section: unknown }> | undefined;

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
    return this.loaded().then((l) => l.engine);
  }

  /** `mksGitops.validate.workspace`: `on`, `off`, or `auto` (the default: on below a number of YAML files). */
  async workspaceValidation(): Promise<WorkspaceValidation> {
    const { section } = await this.loaded();
    const validate = isRecord(section) ? section.validate : undefined;
    const value = isRecord(validate) ? validate.workspace : undefined;
    // A boolean (as a settings file may hold it) means on or off.
    if (value === true || value === 'on') return 'on';
    if (value === false || value === 'off') return 'off';
    return 'auto';
  }

  private loaded(): Promise<{ engine: EngineSettings; section: unknown }> {
    this.current ??= this.load().then((section) => ({ engine: fromSettingsSection(section), section }));
    return this.current;
  }

  /** A didChangeConfiguration arrived: the next get() reads the settings afresh. */
  changed(pushed: unknown): void {
    this.pushed = isRecord(pushed) ? pushed[SETTINGS_SECTION] : undefined;
    this.current = undefined;
  }

  private async load(): Promise<unknown> {
    if (!this.canPull) return this.pushed;
    try {
      return await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
    } catch (error) {
      this.connection.console.error(`Reading the ${SETTINGS_SECTION} settings failed, using defaults: ${(error as Error).message}`);
      return this.pushed;
    }
  }
}
