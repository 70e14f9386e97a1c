// Shipped size (dist bundles, the .vsix) and whether activating the extension loads
// the SSH code. The probe: ssh2 asks Node for its optional native parts (`cpu-features`,
// `sshcrypto.node`, kept external by the build) when its modules run, so a request for either one while
// `dist/extension.js` loads and activates means the SSH code ran at activation.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BundleResult {
  files: { name: string; bytes: number }[];
  vsix: { name: string; bytes: number } | undefined;
  sshLoadedOnRequire: boolean;
  sshLoadedOnActivate: boolean;
  /** The bundled module chain that first ran ssh2 code, outermost last (from the stack of that request). */
  sshLoadedVia: string | undefined;
  activateError: string | undefined;
}

const SSH_NATIVE_PARTS = /(^|\/)cpu-features$|sshcrypto\.node$/;

/** Sizes of dist/*.js, and of a .vsix packed from the current dist with vsce (as `npm run package` does). */
export function bundleSizes(root: string): Pick<BundleResult, 'files' | 'vsix'> & { vsixError?: string } {
  const dist = join(root, 'dist');
  const files = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name: `dist/${name}`, bytes: statSync(join(dist, name)).size }));
  const out = join(root, 'bench', 'results', 'mks-gitops.vsix');
  rmSync(out, { force: true });
  const vsce = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  if (vsce.status !== 0 || !existsSync(out)) {
    return { files, vsix: undefined, vsixError: `vsce package failed: ${(vsce.error?.message ?? vsce.stderr ?? '').trim().split('\n')[0]}` };
  }
  return { files, vsix: { name: 'mks-gitops.vsix (vsce package)', bytes: statSync(out).size } };
}

/** Loads and activates dist/extension.js in this process against a stand-in `vscode` module. */
export async function activationProbe(root: string): Promise<Omit<BundleResult, 'files' | 'vsix'>> {
  const entry = join(root, 'dist', 'extension.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  let sshLoaded = false;
  let sshLoadedVia: string | undefined;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (SSH_NATIVE_PARTS.test(request) && !sshLoaded) {
      sshLoaded = true;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 200;
      sshLoadedVia = bundledModules(new Error().stack ?? '');
      Error.stackTraceLimit = limit;
    }
    if (request === 'vscode') return vscodeModule(root);
    return original.call(this, request, ...rest);
  };
  try {
    let extension: { activate?: (context: unknown) => unknown } = {};
    let activateError: string | undefined;
    try {
      extension = Module.createRequire(entry)(entry);
    } catch (error) {
      activateError = `require: ${(error as Error).message}`;
    }
    const sshLoadedOnRequire = sshLoaded;
    try {
      await Promise.race([extension.activate?.(fakeContext(root)), new Promise((r) => setTimeout(r, 2_000))]);
    } catch (error) {
      activateError = (error as Error).message;
    }
    return { sshLoadedOnRequire, sshLoadedOnActivate: sshLoaded, sshLoadedVia, activateError };
  } finally {
    loader._load = original;
  }
}

/**
 * esbuild names each bundled module's init function after its path, so the stack shows which of our
 * modules pulled ssh2 in: the first frame outside node_modules, and the ssh2 entry it reached.
 */
function bundledModules(stack: string): string {
  const modules = [...stack.matchAll(/at ((?:node_modules|client|server)\/[^\s]+\.[jt]s) \(/g)].map((m) => m[1]);
  const ours = modules.find((m) => !m.startsWith('node_modules/'));
  const library = modules.filter((m) => m.startsWith('node_modules/')).pop();
  return [library, ours ?? '(top level of the bundle)'].filter(Boolean).join(' ← ');
}

/**
 * The `vscode` module: every name @types/vscode exports, each a stand-in. The names must be real own
 * properties because the bundle copies them (esbuild's ESM interop) rather than reading them lazily.
 */
function vscodeModule(root: string): Record<string, unknown> {
  const types = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set([...types.matchAll(/^\s*export (?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]));
  // vscode-languageclient checks the version before it starts.
  return { ...Object.fromEntries([...names].map((name) => [name, standIn(`vscode.${name}`)])), version: '1.91.0' };
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
    set: () => true,
    defineProperty: () => true,
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`) as object,
  });
}

function fakeContext(root: string) {
  const storage = mkdtempSync(join(tmpdir(), 'mks-bench-ext-'));
  const uri = (path: string) => ({ scheme: 'file', fsPath: path, path, toString: () => `file://${path}` });
  const memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
  return {
    subscriptions: [] as unknown[],
    extensionPath: root,
    extensionUri: uri(root),
    asAbsolutePath: (p: string) => join(root, p),
    globalState: memento,
    workspaceState: memento,
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: standIn('onDidChange') },
    storageUri: undefined,
    storagePath: storage,
    globalStorageUri: uri(storage),
    globalStoragePath: storage,
    logUri: uri(storage),
    logPath: storage,
    extensionMode: 1,
  };
}
