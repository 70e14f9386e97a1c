#!/usr/bin/env node
// Generates server/src/engine/data/kubeletFlags.json: which kubelet flag sets which KubeletConfiguration
// field, from the Kubernetes docs in kubernetes/website:
//   - content/en/docs/reference/command-line-tools-reference/kubelet.md: every flag, its value type, and
//     "(DEPRECATED: This parameter should be set via the config file specified by the Kubelet's --config flag"
//     on the flags that have a config-file field;
//   - content/en/docs/reference/config-api/kubelet-config.v1beta1.md: the KubeletConfiguration fields (and the
//     fields of the structs they hold, e.g. authentication.x509.clientCAFile) with their types.
// A flag maps to the top-level field of the same name in camelCase (max-pods → maxPods). The flags named
// otherwise are in ALIASES below, each checked against the config reference (the script fails on a field the
// docs do not have); the flags it still cannot place are listed in the output, not guessed.
//
//   node scripts/kubelet-flags/generate.mjs <website checkout or git dir> [--repo owner/name] [--out file]
import { writeFileSync } from 'node:fs';
import { openWebsite, parseArgs } from '../k8s-docs/websiteSource.mjs';

export const FLAGS_DOC = 'content/en/docs/reference/command-line-tools-reference/kubelet.md';
export const CONFIG_DOC = 'content/en/docs/reference/config-api/kubelet-config.v1beta1.md';

// Flags whose config field has another name. The flag and field descriptions in the two pages above say the
// same thing in the same words (e.g. --image-gc-high-threshold and imageGCHighThresholdPercent: "The percent of
// disk usage after which image garbage collection is always run"); the binding itself is the kubelet's
// (kubernetes/kubernetes cmd/kubelet/app/options/options.go, AddKubeletConfigFlags). The script prints the
// word overlap of each pair's descriptions so a reviewer can check them.
const ALIASES = {
  'anonymous-auth': 'authentication.anonymous.enabled',
  'authentication-token-webhook': 'authentication.webhook.enabled',
  'authentication-token-webhook-cache-ttl': 'authentication.webhook.cacheTTL',
  'authorization-mode': 'authorization.mode',
  'authorization-webhook-cache-authorized-ttl': 'authorization.webhook.cacheAuthorizedTTL',
  'authorization-webhook-cache-unauthorized-ttl': 'authorization.webhook.cacheUnauthorizedTTL',
  'client-ca-file': 'authentication.x509.clientCAFile',
  'contention-profiling': 'enableContentionProfiling',
  'event-qps': 'eventRecordQPS',
  'image-gc-high-threshold': 'imageGCHighThresholdPercent',
  'image-gc-low-threshold': 'imageGCLowThresholdPercent',
  'kube-api-content-type': 'contentType',
  'logging-format': 'logging.format',
  'log-text-info-buffer-size': 'logging.options.text.infoBufferSize',
  'log-text-split-stream': 'logging.options.text.splitStream',
  'manifest-url': 'staticPodURL',
  'manifest-url-header': 'staticPodURLHeader',
  'minimum-image-ttl-duration': 'imageMinimumGCAge',
  'pod-manifest-path': 'staticPodPath',
  'pod-max-pids': 'podPidsLimit',
  'registry-qps': 'registryPullQPS',
  'reserved-cpus': 'reservedSystemCPUs',
  'rotate-server-certificates': 'serverTLSBootstrap',
};

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
const plain = (html) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** kubelet.md → [{ name, type, description, viaConfig }] */
export function readFlags(text) {
  const rows = [...text.matchAll(/<td colspan="2">--([a-z0-9-]+)([^<]*)<\/td>\s*<\/tr>\s*<tr>\s*<td><\/td><td[^>]*>([\s\S]*?)<\/td>/g)];
  return rows.map((m) => {
    const type = decode(m[2]).replace(/\s*Default:.*$/, '').trim();
    const description = plain(m[3]);
    return { name: m[1], type: type || 'bool', description, viaConfig: description.includes('This parameter should be set via the config file') };
  });
}

/** kubelet-config.v1beta1.md → Map(type name → [{ name, type, description }]) */
export function readConfigTypes(text) {
  const types = new Map();
  for (const m of text.matchAll(/^## `([A-Za-z0-9]+)`\s+\{#[^}]+\}([\s\S]*?)(?=^## `|(?![\s\S]))/gm)) {
    const fields = [...m[2].matchAll(/<tr><td><code>([A-Za-z0-9]+)<\/code>(?:\s*<B>\[Required\]<\/B>)?<br\/>\s*([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>/g)].map((f) => ({
      name: f[1],
      type: plain(f[2]),
      description: plain(f[3]),
    }));
    types.set(m[1], fields);
  }
  return types;
}

/** Every field path of KubeletConfiguration, into the structs the reference defines (authentication.x509.…). */
export function fieldPaths(types) {
  const out = new Map();
  const walk = (typeName, prefix, depth) => {
    for (const field of types.get(typeName) ?? []) {
      // An embedded struct ("Members of OutputRoutingOptions are embedded into this type") adds no key of its own.
      if (/are embedded into this type/.test(field.description) && types.has(field.type)) {
        walk(field.type, prefix, depth + 1);
        continue;
      }
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      out.set(path, field);
      if (depth < 4 && types.has(field.type) && field.type !== typeName) walk(field.type, path, depth + 1);
    }
  };
  walk('KubeletConfiguration', '', 0);
  return out;
}

/** How a flag value compares with a config value. */
function valueKind(flagType, description) {
  if (/key=True\|False/i.test(flagType) || flagType === 'mapStringBool') return 'map-bool';
  if (/key=value/.test(flagType) || flagType === 'mapStringString') {
    // Eviction thresholds are written signal<quantity (e.g. memory.available<1Gi), the other maps key=value.
    return /e\.g\. [a-z.]+\.available</.test(description) ? 'map-threshold' : 'map';
  }
  if (flagType === 'strings') return 'list';
  if (/^(u?int(32|64)?|float(32|64)?)$/.test(flagType)) return 'number';
  if (flagType === 'duration') return 'duration';
  if (flagType === 'bool') return 'bool';
  if (flagType === 'string') return 'string';
  return 'other';
}

const words = (s) => new Set(s.toLowerCase().match(/[a-z]{4,}/g) ?? []);
function overlap(a, b) {
  const x = words(a);
  const y = words(b);
  const both = [...x].filter((w) => y.has(w)).length;
  return both / Math.max(1, Math.min(x.size, y.size));
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const site = openWebsite(args.location);
  const flags = readFlags(site.read(FLAGS_DOC));
  const paths = fieldPaths(readConfigTypes(site.read(CONFIG_DOC)));
  if (flags.length < 50 || paths.size < 50) throw new Error(`read only ${flags.length} flags and ${paths.size} config fields: has the page format changed?`);
  const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const topLevel = new Map([...paths.keys()].filter((p) => !p.includes('.')).map((p) => [norm(p), p]));
  const table = {};
  const unmapped = [];
  for (const flag of flags.filter((f) => f.viaConfig)) {
    const alias = ALIASES[flag.name];
    if (alias && !paths.has(alias)) throw new Error(`alias ${flag.name} → ${alias}: no such field in ${CONFIG_DOC}`);
    const field = alias ?? topLevel.get(norm(flag.name));
    if (!field) {
      unmapped.push(flag.name);
      continue;
    }
    if (alias) process.stderr.write(`alias --${flag.name} → ${alias}: description overlap ${overlap(flag.description, paths.get(alias).description).toFixed(2)}\n`);
    table[flag.name] = { field, kind: valueKind(flag.type, flag.description), fieldType: paths.get(field).type };
  }
  for (const name of Object.keys(ALIASES)) if (!table[name]) throw new Error(`alias ${name}: the flag is not in ${FLAGS_DOC} (or not marked as set via the config file)`);
  const out = {
    source: {
      repo: args.repo,
      upstream: 'kubernetes/website',
      paths: [FLAGS_DOC, CONFIG_DOC],
      commit: site.commit,
      commitDate: site.commitDate,
      generatedBy: 'scripts/kubelet-flags/generate.mjs',
      precedence:
        'content/en/docs/tasks/administer-cluster/kubelet-config-file.md: command line flags which target the same value as a config file override that value; feature gates given on the command line have the lowest precedence.',
    },
    flags: table,
    // Flags the docs say belong in the config file but whose field this script could not place.
    unmapped,
  };
  const file = args.out ?? new URL('../../server/src/engine/data/kubeletFlags.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
  process.stdout.write(`${Object.keys(table).length} kubelet flags mapped to KubeletConfiguration fields, ${unmapped.length} unmapped (${unmapped.join(', ') || 'none'}), commit ${site.commit}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
