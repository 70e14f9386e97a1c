// Shipped size (dist bundles, the .vsix when one is built) and whether activating the extension loads
// the SSH code. The probe: ssh2 asks Node for its optional native parts (`cpu-features`,
// `sshcrypto.node`, kept external by the build) when its modules run, so a request for either one while
// `dist/extension.js` loads and activates means the SSH code ran at activation.
import { existsSync, readdirSync, statSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

export interface BundleResult {
  files: { name: string; bytes: number }[];
  vsix: { name: string; bytes: number } | undefined;
  sshLoadedOnRequire: boolean;
  sshLoadedOnActivate: boolean;
  activateError: string | undefined;
}

const SSH_NATIVE_PARTS = /(^|\/)cpu-features$|sshcrypto\.node$/;

export function bundleSizes(root: string): Pick<BundleResult, 'files' | 'vsix'> {
  const dist = join(root, 'dist');
  const files = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name: `dist/${name}`, bytes: statSync(join(dist, name)).size }));
  const vsixName = readdirSync(root)
    .filter((f) => f.endsWith('.vsix'))
    .sort((a, b) => statSync(join(root, b)).mtimeMs - statSync(join(root, a)).mtimeMs)[0];
  return { files, vsix: vsixName ? { name: vsixName, bytes: statSync(join(root, vsixName)).size } : undefined };
}

/** Loads and activates dist/extension.js in this process against a stand-in `vscode` module. */
export async function activationProbe(root: string): Promise<Omit<BundleResult, 'files' | 'vsix'>> {
  const entry = join(root, 'dist', 'extension.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  let sshLoaded = false;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (SSH_NATIVE_PARTS.test(request)) sshLoaded = true;
    if (request === 'vscode') return standIn('vscode');
    return original.call(this, request, ...rest);
  };
  try {
    const extension = Module.createRequire(entry)(entry) as { activate?: (context: unknown) => unknown };
    const sshLoadedOnRequire = sshLoaded;
    let activateError: string | undefined;
    try {
      await Promise.race([extension.activate?.(fakeContext(root)), new Promise((r) => setTimeout(r, 2_000))]);
    } catch (error) {
      activateError = (error as Error).message;
    }
    return { sshLoadedOnRequire, sshLoadedOnActivate: sshLoaded, activateError };
  } finally {
    loader._load = original;
  }
}

/**
 * A permissive stand-in for any VS Code API object: every property is another stand-in, every call
 * returns one, and awaiting one gives undefined. Enough for activation code to register things.
 */
function standIn(name: string): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      return standIn(`${name}.${String(prop)}`);
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`) as object,
  });
}

function fakeContext(root: string) {
  const memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
  return {
    subscriptions: [] as unknown[],
    extensionPath: root,
    extensionUri: standIn('extensionUri'),
    asAbsolutePath: (p: string) => join(root, p),
    globalState: memento,
    workspaceState: memento,
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: standIn('onDidChange') },
    storageUri: undefined,
    globalStorageUri: standIn('globalStorageUri'),
    logUri: standIn('logUri'),
    extensionMode: 1,
  };
}
