// One 2021-format cluster document → the v3 extended spec, edited through the `yaml` Document API so comments and
// key order stay: keys are renamed in place, per-node SSH fields become the node's `ssh` block where the first of
// them was, the cluster-wide OS goes into each node, and keys with no v3 home are removed (their comments move to
// the next key). Every change is a step of the report; the mapping and its sources are in legacyMapping.ts.
import { Document, Pair, Scalar, YAMLMap, isMap, isScalar, isSeq, type Node } from 'yaml';
import { MKS_API_VERSION } from '../yamlFile';
import { clusterOs, drops, renames, roleRenames, sshMoves } from './legacyMapping';

export interface MigrationStep {
  action: 'added' | 'mapped' | 'dropped';
  /** Where the key was, e.g. `spec.config.nodes[0].sshPort` (for `added`: where it now is). */
  from: string;
  /** Where it went (mapped only). */
  to?: string;
  /** The dropped scalar's value, so the report keeps what the file said. */
  value?: string;
  why: string;
  /** Set when the mapping is an inference, with the reason: the report asks the user to check it. */
  inferred?: string;
}

export interface MigratedDocument {
  document: Document;
  steps: MigrationStep[];
}

type Path = readonly (string | number)[];
interface MapAt {
  map: YAMLMap;
  path: Path;
}

/** Migrates a copy of `parsed`; the parsed document itself is left as it was. */
export function migrateDocument(parsed: Document): MigratedDocument {
  const document = parsed.clone();
  const steps: MigrationStep[] = [];
  const root = document.contents;
  if (!isMap(root)) return { document, steps };
  addApiVersion(root, steps);
  blueprintAsMap(root, steps);
  // proxySettings → proxy first, so the proxy's own renames find it under its v3 name.
  for (const rename of renames) applyRename(root, rename, steps);
  const config = childMap(root, ['spec', 'config']);
  const nodes = mapsAt(root, ['spec', 'config', 'nodes', '*']);
  if (config) spreadClusterOs(config, nodes, steps);
  for (const node of nodes) {
    gatherSsh(node, steps);
    renameRoles(node, steps);
  }
  for (const drop of drops) {
    for (const { map, path } of mapsAt(root, drop.parent)) {
      const i = indexOf(map, drop.legacy);
      if (i < 0) continue;
      steps.push({ action: 'dropped', from: pathText([...path, drop.legacy]), ...valueOf(map.items[i]), why: drop.why });
      removePair(map, i);
    }
  }
  return { document, steps };
}

function addApiVersion(root: YAMLMap, steps: MigrationStep[]): void {
  if (indexOf(root, 'apiVersion') >= 0) return;
  const pair = new Pair(new Scalar('apiVersion'), new Scalar(MKS_API_VERSION));
  // The document's opening comment stays at the top, above the new first key.
  const first = root.items[0];
  if (first && isScalar(first.key) && first.key.commentBefore) {
    (pair.key as Scalar).commentBefore = first.key.commentBefore;
    first.key.commentBefore = undefined;
  }
  root.items.unshift(pair);
  steps.push({ action: 'added', from: 'apiVersion', why: `the v3 extended spec is apiVersion ${MKS_API_VERSION} (reference §2)` });
}

function blueprintAsMap(root: YAMLMap, steps: MigrationStep[]): void {
  const spec = childMap(root, ['spec'])?.map;
  const i = spec ? indexOf(spec, 'blueprint') : -1;
  if (!spec || i < 0) return;
  const pair = spec.items[i];
  if (!isScalar(pair.value) || typeof pair.value.value !== 'string') return;
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar('name'), pair.value));
  pair.value = map;
  steps.push({ action: 'mapped', from: 'spec.blueprint', to: 'spec.blueprint.name', why: 'reference §3.7 (blueprint is {name, version} in v3)' });
}

function applyRename(root: YAMLMap, rename: (typeof renames)[number], steps: MigrationStep[]): void {
  for (const { map, path } of mapsAt(root, rename.parent)) {
    const i = indexOf(map, rename.legacy);
    if (i < 0) continue;
    const from = pathText([...path, rename.legacy]);
    if (indexOf(map, rename.v3) >= 0) {
      steps.push({ action: 'dropped', from, ...valueOf(map.items[i]), why: `${rename.v3} is also set here and is kept` });
      removePair(map, i);
      continue;
    }
    (map.items[i].key as Scalar).value = rename.v3;
    steps.push({ action: 'mapped', from, to: pathText([...path, rename.v3]), why: rename.why, ...(rename.inferred ? { inferred: rename.inferred } : {}) });
  }
}

/** `operating_system` on the cluster → `operatingSystem` on each node that has none (after its hostname). */
function spreadClusterOs(config: MapAt, nodes: readonly MapAt[], steps: MigrationStep[]): void {
  const i = indexOf(config.map, clusterOs.legacy);
  if (i < 0) return;
  const value = config.map.items[i].value;
  const from = pathText([...config.path, clusterOs.legacy]);
  const receivers = nodes.filter((node) => indexOf(node.map, clusterOs.v3) < 0);
  if (!isScalar(value) || receivers.length === 0) {
    const why = !isScalar(value) ? 'it is not a single value' : nodes.length === 0 ? 'there are no nodes to carry it' : 'every node sets its own operatingSystem';
    steps.push({ action: 'dropped', from, ...valueOf(config.map.items[i]), why: `${clusterOs.why}, but ${why}` });
    removePair(config.map, i);
    return;
  }
  for (const node of receivers) {
    const at = indexOf(node.map, 'hostname') + 1;
    node.map.items.splice(at, 0, new Pair(new Scalar(clusterOs.v3), new Scalar(value.value)));
  }
  const to = receivers.length === nodes.length ? 'spec.config.nodes[*].operatingSystem' : receivers.map((n) => pathText([...n.path, clusterOs.v3])).join(', ');
  steps.push({ action: 'mapped', from, to, why: clusterOs.why, inferred: clusterOs.inferred });
  removePair(config.map, i);
}

/** The node's `ipAddress`, `sshPort`, `sshUserName`, `sshPrivateKeyPath` → its `ssh` block, where the first of them was. */
function gatherSsh(node: MapAt, steps: MigrationStep[]): void {
  const found = sshMoves.map((move) => ({ move, index: indexOf(node.map, move.legacy) })).filter((f) => f.index >= 0);
  if (found.length === 0) return;
  const existing = indexOf(node.map, 'ssh');
  const ssh = existing >= 0 && isMap(node.map.items[existing].value) ? (node.map.items[existing].value as YAMLMap) : new YAMLMap();
  const at = Math.min(...found.map((f) => f.index));
  const moved = found.sort((a, b) => a.index - b.index).map((f) => ({ ...f, pair: node.map.items[f.index] }));
  for (const { move, pair } of moved) {
    const from = pathText([...node.path, move.legacy]);
    if (indexOf(ssh, move.v3) >= 0) {
      steps.push({ action: 'dropped', from, ...valueOf(pair), why: `ssh.${move.v3} is also set on this node and is kept` });
      continue;
    }
    const key = new Scalar(move.v3);
    key.commentBefore = isScalar(pair.key) ? pair.key.commentBefore : undefined;
    ssh.items.push(new Pair(key, move.v3 === 'port' ? portAsString(pair.value) : pair.value));
    steps.push({ action: 'mapped', from, to: pathText([...node.path, 'ssh', move.v3]), why: move.why, ...(move.inferred ? { inferred: move.inferred } : {}) });
  }
  for (const { index } of [...moved].sort((a, b) => b.index - a.index)) node.map.items.splice(index, 1);
  if (existing < 0) node.map.items.splice(at, 0, new Pair(new Scalar('ssh'), ssh));
}

/** `sshPort: 22` → `port: "22"`: v3 ports are strings (reference §5 rule 21). */
function portAsString(value: unknown): unknown {
  if (!isScalar(value) || typeof value.value !== 'number') return value;
  const port = new Scalar(String(value.value));
  port.type = Scalar.QUOTE_DOUBLE;
  port.comment = value.comment;
  port.anchor = value.anchor;
  return port;
}

function renameRoles(node: MapAt, steps: MigrationStep[]): void {
  const i = indexOf(node.map, 'roles');
  const roles = i >= 0 ? node.map.items[i].value : undefined;
  if (!isSeq(roles)) return;
  roles.items.forEach((role, j) => {
    if (!isScalar(role) || typeof role.value !== 'string' || !(role.value in roleRenames)) return;
    const v3 = roleRenames[role.value];
    steps.push({ action: 'mapped', from: `${pathText([...node.path, 'roles', j])} ${role.value}`, to: v3, why: 'reference §3.7' });
    role.value = v3;
  });
}

/** Removes a pair; the comment lines above it stay in the file, above the next key (or after the map). */
function removePair(map: YAMLMap, index: number): void {
  const [removed] = map.items.splice(index, 1);
  const comment = isScalar(removed.key) ? removed.key.commentBefore : undefined;
  if (!comment) return;
  const next = map.items[index];
  if (next && isScalar(next.key)) next.key.commentBefore = next.key.commentBefore ? `${comment}\n${next.key.commentBefore}` : comment;
  else map.comment = map.comment ? `${map.comment}\n${comment}` : comment;
}

function valueOf(pair: Pair): { value?: string } {
  return isScalar(pair.value) && pair.value.value !== null ? { value: String(pair.value.value) } : {};
}

function indexOf(map: YAMLMap, key: string): number {
  return map.items.findIndex((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

function childMap(root: YAMLMap, path: readonly string[]): MapAt | undefined {
  const found = mapsAt(root, path);
  return found[0];
}

/** The maps at a path pattern (`*` = every item of a sequence), with their concrete paths. */
function mapsAt(node: Node | unknown, pattern: readonly string[], path: Path = []): MapAt[] {
  if (pattern.length === 0) return isMap(node) ? [{ map: node, path }] : [];
  const [head, ...rest] = pattern;
  if (head === '*') return isSeq(node) ? node.items.flatMap((item, i) => mapsAt(item, rest, [...path, i])) : [];
  if (!isMap(node)) return [];
  const i = indexOf(node, head);
  return i < 0 ? [] : mapsAt(node.items[i].value, rest, [...path, head]);
}

export function pathText(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
