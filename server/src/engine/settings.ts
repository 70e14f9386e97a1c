// Engine settings: the allow-lists for facts the reference marks as inferred, and a severity per rule.
// The VS Code settings `mksGitops.*` and the CLI's `--config` file map onto this shape.
import type { SeveritySetting } from './findings';

export interface EngineSettings {
  /** Kubernetes minor versions the controller supports now (reference §3.8); others are warned about. */
  kubernetesVersions: string[];
  /** `operatingSystem` strings believed valid; the exact strings are not confirmed, so others are warned about. */
  operatingSystems: string[];
  /**
   * Feature-gate names to accept without a version check: gates newer than the generated table
   * (data/featureGates.json) or of a vendor build. Others not in the table are warned about.
   */
  knownFeatureGates?: string[];
  /** Severity per rule id (the diagnostic code); `off` silences the rule. */
  severity: Record<string, SeveritySetting>;
}

export const defaultSettings: EngineSettings = {
  kubernetesVersions: ['v1.33', 'v1.34', 'v1.35', 'v1.36'],
  operatingSystems: [
    'Ubuntu20.04',
    'Ubuntu22.04',
    'Ubuntu24.04',
    'RHEL8',
    'RHEL9',
    'RHEL10',
    'Rocky9',
    'AlmaLinux9',
    'Flatcar',
    'Windows2019',
    'Windows2022',
  ],
  knownFeatureGates: [],
  severity: {},
};

/** Fills what a partial settings object leaves out; ignores values of the wrong type. */
export function resolveSettings(partial: unknown): EngineSettings {
  const p = (partial && typeof partial === 'object' ? partial : {}) as Partial<Record<keyof EngineSettings, unknown>>;
  const strings = (v: unknown, fallback: string[]) =>
    Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : fallback;
  const severity: Record<string, SeveritySetting> = {};
  if (p.severity && typeof p.severity === 'object') {
    for (const [id, level] of Object.entries(p.severity as Record<string, unknown>)) {
      if (level === 'off' || level === 'error' || level === 'warning' || level === 'info' || level === 'hint') severity[id] = level;
    }
  }
  return {
    kubernetesVersions: strings(p.kubernetesVersions, defaultSettings.kubernetesVersions),
    operatingSystems: strings(p.operatingSystems, defaultSettings.operatingSystems),
    knownFeatureGates: strings(p.knownFeatureGates, []),
    severity,
  };
}

/**
 * Maps the `mksGitops` settings section (as package.json declares it: `kubernetesVersions`, `operatingSystems`,
 * `rules`) onto the engine's shape. The language server and the extension both read settings through this.
 */
export function fromSettingsSection(section: unknown): EngineSettings {
  const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  return resolveSettings({ kubernetesVersions: s.kubernetesVersions, operatingSystems: s.operatingSystems, knownFeatureGates: s.knownFeatureGates, severity: s.rules });
}
