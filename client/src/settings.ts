// The extension's reading of the `mksGitops` settings that the engine uses, mapped exactly as the language server
// maps them (server/src/engine/settings.ts), so the sync view, apply and the wizard judge a spec as the editor does.
import * as vscode from 'vscode';
import { fromSettingsSection, type EngineSettings } from '../../server/src/engine/settings';

/** The engine's settings as they are now (read on each call: a settings change counts at once). */
export function engineSettings(): EngineSettings {
  const config = vscode.workspace.getConfiguration('mksGitops');
  return fromSettingsSection({ kubernetesVersions: config.get('kubernetesVersions'), operatingSystems: config.get('operatingSystems'), rules: config.get('rules') });
}
