// A kubelet flag (kubeletExtraArgs) and kubeletConfigurationOverrides that set the same thing to different
// values (reference §11: `max-pods` vs `maxPods`). Which flag sets which field comes from the table generated
// from the Kubernetes docs (data/kubeletFlags.json); the docs also say who wins: a command-line flag overrides the
// config file, except feature gates, where the configuration wins (kubelet-config-file task page).
// Node-level flags and overrides apply over the cluster-wide ones (reference §3.4); a node-level config field
// shadowing a cluster-wide one is inferred per field.
import { parseGoBool } from '../support/featureGateList';
import { list, nodeName, nodes, record, config } from '../support/clusterView';
import { flagMaps, flagName, type FlagMap } from '../support/componentArgs';
import { embeddedYamlAt } from '../support/embeddedYaml';
import { isMap, isScalar } from 'yaml';
import table from '../data/kubeletFlags.json';
import type { Path } from '../yamlFile';
import type { Rule, RuleContext, RuleFinding } from './rule';

type Kind = 'string' | 'list' | 'bool' | 'duration' | 'number' | 'map' | 'map-threshold' | 'map-bool' | 'other';
const flags = table.flags as Record<string, { field: string; kind: Kind; fieldType: string }>;

/** A kubeletConfigurationOverrides text: its path, plain value and whose it is. */
interface ConfigText {
  path: Path;
  value: Record<string, unknown>;
  /** The 1-based file line of a field of the text (for messages). */
  lineOf(field: string[]): number | undefined;
  owner: string;
}

export const kubeletFlagConflict: Rule = {
  id: 'kubelet-flag-conflict',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'A kubelet flag and kubeletConfigurationOverrides do not set the same field to different values (e.g. max-pods vs maxPods).',
  check(spec, context) {
    const maps = flagMaps(spec).filter((m) => m.component === 'kubelet');
    if (maps.length === 0) return [];
    const clusterConfig =
      typeof config(spec).kubeletConfigurationOverrides === 'string'
        ? configText(context, ['spec', 'config', 'kubeletConfigurationOverrides'], 'the cluster-wide kubeletConfigurationOverrides')
        : undefined;
    const nodeConfigs = new Map<number, ConfigText | undefined>();
    for (const node of nodes(spec)) {
      if (typeof node.value.kubeletConfigurationOverrides !== 'string') continue;
      nodeConfigs.set(node.index, configText(context, [...node.path, 'kubeletConfigurationOverrides'], `${nodeName(node)}'s kubeletConfigurationOverrides`));
    }
    const nodeFlags = new Map(maps.filter((m) => m.node !== undefined).map((m) => [m.node!, m]));
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const map of maps) {
      for (const [key, raw] of Object.entries(map.flags)) {
        const entry = Object.prototype.hasOwnProperty.call(flags, flagName(key)) ? flags[flagName(key)] : undefined;
        if (!entry || raw === null || typeof raw === 'object') continue;
        const field = entry.field.split('.');
        for (const target of configsFor(map, field, clusterConfig, nodeConfigs, nodeFlags, key, list(config(spec).nodes).length)) {
          const id = `${target.path.join('.')}|${map.path.join('.')}|${key}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const configValue = valueAt(target.value, field);
          if (configValue === undefined) continue;
          const finding = compare(entry.kind, String(raw), configValue, { flag: key, field: entry.field, target });
          if (finding) findings.push({ path: [...map.path, key], ...finding });
        }
      }
    }
    return findings;
  },
};

/** The config texts a flag competes with: its own level's, and the other level's where nothing shadows it. */
function configsFor(
  map: FlagMap,
  field: string[],
  cluster: ConfigText | undefined,
  nodeConfigs: Map<number, ConfigText | undefined>,
  nodeFlags: Map<number, FlagMap>,
  key: string,
  nodeCount: number,
): ConfigText[] {
  if (map.node !== undefined) {
    const own = nodeConfigs.get(map.node);
    if (own && valueAt(own.value, field) !== undefined) return [own];
    return cluster ? [cluster] : [];
  }
  const out: ConfigText[] = cluster ? [cluster] : [];
  for (let index = 0; index < nodeCount; index++) {
    const nodeConfig = nodeConfigs.get(index);
    // A node that sets the flag itself overrides the cluster-wide flag there.
    if (nodeConfig && !(nodeFlags.get(index)?.flags && key in nodeFlags.get(index)!.flags)) out.push(nodeConfig);
  }
  return out;
}

function configText(context: RuleContext, path: Path, owner: string): ConfigText | undefined {
  const embedded = embeddedYamlAt(context.file, context.document, path);
  const value = record(embedded?.value);
  if (!embedded || !value) return undefined;
  const doc = embedded.documents[0];
  return {
    path,
    value,
    owner,
    lineOf: (field) => {
      // The line of the field's key: a block value starts on the line after it.
      const parent = field.length > 1 ? doc.getIn(field.slice(0, -1), true) : doc.contents;
      const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === field[field.length - 1]) : undefined;
      return isScalar(pair?.key) ? embedded.rangeOf(pair.key).start.line + 1 : undefined;
    },
  };
}

function valueAt(value: unknown, field: string[]): unknown {
  let current = value;
  for (const segment of field) {
    const r = record(current);
    if (!r || !(segment in r)) return undefined;
    current = r[segment];
  }
  return current;
}

interface Where {
  flag: string;
  field: string;
  target: ConfigText;
}

function compare(kind: Kind, flag: string, configValue: unknown, where: Where): Omit<RuleFinding, 'path'> | undefined {
  const line = where.target.lineOf(where.field.split('.'));
  const place = `${where.target.owner}${line ? ` (line ${line})` : ''}`;
  if (kind === 'map-bool') {
    const fromFlag = pairs(flag, '=');
    const fromConfig = record(configValue) ?? {};
    const differing = Object.entries(fromFlag).filter(([gate, v]) => {
      const c = fromConfig[gate];
      const cv = typeof c === 'boolean' ? c : typeof c === 'string' ? parseGoBool(c) : undefined;
      return cv !== undefined && parseGoBool(v) !== undefined && cv !== parseGoBool(v);
    });
    if (differing.length === 0) return undefined;
    const names = differing.map(([gate, v]) => `${gate} (${v} here, ${String(fromConfig[gate])} there)`).join(', ');
    return {
      message: `${where.flag} and ${where.field} in ${place} set ${names} differently; the configuration wins for feature gates (Kubernetes docs: gates given on the command line have the lowest precedence).`,
    };
  }
  const same = equal(kind, flag, configValue);
  const shown = typeof configValue === 'object' ? JSON.stringify(configValue) : String(configValue);
  if (same === true) return undefined;
  if (same === undefined) {
    return {
      severity: 'info',
      message: `${where.flag} is set here and as ${where.field} in ${place}; the flag wins (Kubernetes docs: command-line flags override the config file).`,
    };
  }
  return {
    message: `${where.flag} "${flag}" and ${where.field}: ${shown} in ${place} set the same thing differently; the flag wins (Kubernetes docs: command-line flags override the config file).`,
  };
}

/** true / false when the values can be compared as the kubelet reads them; undefined when they cannot. */
function equal(kind: Kind, flag: string, configValue: unknown): boolean | undefined {
  switch (kind) {
    case 'bool': {
      const f = parseGoBool(flag.trim());
      return typeof configValue === 'boolean' && f !== undefined ? f === configValue : undefined;
    }
    case 'number': {
      const f = Number(flag.trim());
      const c = typeof configValue === 'number' ? configValue : typeof configValue === 'string' ? Number(configValue) : Number.NaN;
      return Number.isFinite(f) && Number.isFinite(c) && flag.trim() !== '' ? f === c : undefined;
    }
    case 'duration': {
      const f = goDuration(flag);
      const c = typeof configValue === 'string' ? goDuration(configValue) : undefined;
      return f !== undefined && c !== undefined ? f === c : undefined;
    }
    case 'string':
      return typeof configValue === 'string' || typeof configValue === 'number' ? flag.trim() === String(configValue) : undefined;
    case 'list': {
      if (!Array.isArray(configValue)) return undefined;
      const f = flag.split(',').map((s) => s.trim()).filter(Boolean);
      return f.length === configValue.length && f.every((v, i) => v === String(configValue[i]));
    }
    case 'map':
    case 'map-threshold': {
      const c = record(configValue);
      if (!c) return undefined;
      const f = pairs(flag, kind === 'map' ? '=' : '<');
      const keys = new Set([...Object.keys(f), ...Object.keys(c)]);
      return [...keys].every((k) => k in f && k in c && f[k] === String(c[k]).trim());
    }
    default:
      return undefined;
  }
}

/** "a=1,b=2" → {a: "1", b: "2"} (parts without the separator are kept with an empty value). */
function pairs(text: string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const at = part.indexOf(separator);
    out[(at < 0 ? part : part.slice(0, at)).trim()] = at < 0 ? '' : part.slice(at + 1).trim();
  }
  return out;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds ("1m30s", "300ms", "0"); undefined for anything else. */
export function goDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_NS[part[2]];
  return m[1] === '-' ? -total : total;
}
