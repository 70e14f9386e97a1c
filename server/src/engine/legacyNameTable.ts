// Non-canonical spellings seen in Rafay-authored YAML (reference §3.7), with the v3 name to use instead.
// The legacy-names rule reports them; the schema check stays quiet about them so each gets one message.

export interface LegacyKey {
  /** Path pattern of the map holding the key; `*` matches any sequence index. */
  parent: readonly string[];
  legacy: string;
  canonical: string;
}

export const legacyKeys: readonly LegacyKey[] = [
  { parent: ['spec', 'config', 'nodes', '*'], legacy: 'privateip', canonical: 'privateIP' },
  { parent: ['spec', 'config'], legacy: 'dedicatedMastersEnabled', canonical: 'dedicatedControlPlane' },
  { parent: ['spec', 'config'], legacy: 'k8sVersion', canonical: 'kubernetesVersion' },
  { parent: ['spec'], legacy: 'blueprintConfig', canonical: 'blueprint' },
  { parent: ['spec'], legacy: 'proxyConfig', canonical: 'proxy' },
];

export const legacyRoles: Readonly<Record<string, string>> = { Master: 'ControlPlane' };

function matches(parent: readonly string[], path: readonly (string | number)[]): boolean {
  return parent.length === path.length && parent.every((p, i) => p === '*' ? typeof path[i] === 'number' : p === String(path[i]));
}

/** The legacy entry for `key` in the map at `parentPath`, if the key is a known legacy spelling there. */
export function legacyKeyAt(parentPath: readonly (string | number)[], key: string): LegacyKey | undefined {
  return legacyKeys.find((k) => k.legacy === key && matches(k.parent, parentPath));
}

/** The legacy entry whose canonical key is `key` in the map at `parentPath`. */
export function legacyFor(parentPath: readonly (string | number)[], canonical: string): LegacyKey | undefined {
  return legacyKeys.find((k) => k.canonical === canonical && matches(k.parent, parentPath));
}
