// Where each key is valid, derived from the JSON Schemas (not a hand list): for a key the schema does not allow
// where it is written, the place one level up or down where it is declared, e.g. `systemComponentsPlacement`
// written under `spec.config` belongs in `spec` (the flattened example of the seed page does that).
import clusterSchema from '../../../../schemas/mks-cluster.schema.json';
import credentialsSchema from '../../../../schemas/mks-credentials.schema.json';
import { isRecord, type Path, type SpecKind } from '../yamlFile';

/** A path in the schema: map keys, with `*` for "any list item". */
type SchemaPath = readonly string[];
type Schema = Record<string, unknown>;

/** Deep enough for every map of the MKS schemas; a `$ref` cycle stops there. */
const MAX_DEPTH = 12;

const homes = new Map<SpecKind, Map<string, SchemaPath[]>>();

function homesFor(kind: SpecKind): Map<string, SchemaPath[]> {
  let map = homes.get(kind);
  if (!map) {
    const root = (kind === 'Cluster' ? clusterSchema : credentialsSchema) as Schema;
    map = new Map();
    collect(root, root, [], map);
    homes.set(kind, map);
  }
  return map;
}

function collect(schema: unknown, root: Schema, at: SchemaPath, into: Map<string, SchemaPath[]>): void {
  const resolved = deref(schema, root);
  if (!resolved || at.length > MAX_DEPTH) return;
  if (isRecord(resolved.properties)) {
    for (const [key, sub] of Object.entries(resolved.properties)) {
      const list = into.get(key) ?? [];
      list.push(at);
      into.set(key, list);
      collect(sub, root, [...at, key], into);
    }
  }
  if (resolved.items !== undefined) collect(resolved.items, root, [...at, '*'], into);
}

function deref(schema: unknown, root: Schema): Schema | undefined {
  let current = schema;
  for (let hops = 0; isRecord(current) && typeof current.$ref === 'string' && hops < 10; hops++) {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) return undefined;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, segment) => (isRecord(node) ? node[segment] : undefined), root);
  }
  return isRecord(current) ? current : undefined;
}

export interface KeyHome {
  /** The data path of the map the key belongs in. */
  path: Path;
  /** One level up (the key belongs in an ancestor's map) or down (in a child map of where it is). */
  direction: 'up' | 'down';
}

/**
 * Where `key`, written in the map at `mapPath` (where the schema does not allow it), is declared one level up or
 * down; undefined when it is not (then it is simply unknown). Up is preferred: a key nested one level too deep
 * is the common slip.
 */
export function keyHome(kind: SpecKind, mapPath: Path, key: string): KeyHome | undefined {
  const declared = homesFor(kind).get(key);
  if (!declared) return undefined;
  const here = mapPath.map((s) => (typeof s === 'number' ? '*' : s));
  const same = (a: SchemaPath, b: SchemaPath) => a.length === b.length && a.every((s, i) => s === b[i]);
  if (here.length > 0 && typeof mapPath[mapPath.length - 1] !== 'number') {
    const parent = here.slice(0, -1);
    if (declared.some((p) => same(p, parent))) return { path: mapPath.slice(0, -1), direction: 'up' };
  }
  const below = declared.filter((p) => p.length === here.length + 1 && same(p.slice(0, -1), here) && p[p.length - 1] !== '*');
  if (below.length === 1) return { path: [...mapPath, below[0][here.length]], direction: 'down' };
  return undefined;
}
