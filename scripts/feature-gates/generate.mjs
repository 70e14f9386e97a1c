#!/usr/bin/env node
// Generates server/src/engine/data/featureGates.json from the Kubernetes docs: kubernetes/website keeps one file
// per feature gate under content/en/docs/reference/command-line-tools-reference/feature-gates/, whose front
// matter lists its stages (stage, defaultValue, fromVersion, toVersion, locked) and `removed: true` once the
// gate is gone. This script reads those files as data and writes a compact, cited table.
//
//   node scripts/feature-gates/generate.mjs <website checkout or git dir> [--repo owner/name] [--out file]
//        [--versioned FILE --feature-list FILE --versioned-repo owner/name --versioned-commit SHA
//         --previous FILE --previous-repo owner/name --previous-commit SHA]
//
// --repo names where the copy came from (default kubernetes/website; a fork is named as such in the output).
// --versioned extends the docs table by one release with Kubernetes' versioned_feature_list.yaml of that release,
// --feature-list is feature_list.md of the same commit (it also has client-go's gates, which the YAML lacks), and
// --previous is versioned_feature_list.yaml of the docs' release (a gate in it and in neither new list left the
// code). Rules in versionedList.mjs. These are single files saved from the search tool's read_file; README.md here
// says how to gather them.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { openWebsite, parseArgs } from '../k8s-docs/websiteSource.mjs';
import { RULES, extendWithList, readFeatureListMd, readVersionedList } from './versionedList.mjs';

const LIST_PATH = 'test/compatibility_lifecycle/reference/versioned_feature_list.yaml';
const MD_PATH = 'test/compatibility_lifecycle/reference/feature_list.md';

export const GATES_DIR = 'content/en/docs/reference/command-line-tools-reference/feature-gates';
const STAGES = new Set(['alpha', 'beta', 'stable', 'deprecated']);

/** The front matter of one gate file → { name, stages, removed, formerNames } (throws on what it cannot read). */
export function readGate(fileName, text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) throw new Error(`${fileName}: no front matter`);
  const front = parse(m[1]);
  if (front?.content_type !== 'feature_gate') return undefined;
  const name = String(front.title ?? '').trim();
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`${fileName}: odd title ${JSON.stringify(front.title)}`);
  const stages = (Array.isArray(front.stages) ? front.stages : []).map((s, i) => {
    const stage = String(s?.stage ?? '').trim();
    if (!STAGES.has(stage)) throw new Error(`${fileName}: stage #${i + 1} is ${JSON.stringify(s?.stage)}`);
    const from = minor(s.fromVersion, `${fileName}: stage #${i + 1} fromVersion`);
    const to = s.toVersion === undefined || s.toVersion === null ? undefined : minor(s.toVersion, `${fileName}: stage #${i + 1} toVersion`);
    // [stage, defaultValue, fromVersion, toVersion or null, locked (only when the docs say so)]
    const row = [stage, s.defaultValue === true, from, to ?? null];
    if (s.locked === true) row.push(true);
    return row;
  });
  if (stages.length === 0) throw new Error(`${fileName}: no stages`);
  const formerNames = Array.isArray(front.former_titles) ? front.former_titles.map(String) : [];
  return { name, stages, removed: front.removed === true, formerNames };
}

/** "1.29" or "1.31.0" (seen once) → the minor "1.29"; an unquoted YAML number like 1.3 is ambiguous, so it fails. */
function minor(value, where) {
  const m = typeof value === 'string' ? /^\s*(1\.\d+)(?:\.\d+)?\s*$/.exec(value) : null;
  if (!m) throw new Error(`${where}: ${JSON.stringify(value)} is not a version like "1.29"`);
  return m[1];
}

const minorNumber = (v) => Number(v.split('.')[1]);

/** The --versioned/--feature-list/--previous options (parseArgs keeps the website ones). */
function listArgs(argv) {
  const names = ['--versioned', '--feature-list', '--versioned-repo', '--versioned-commit', '--previous', '--previous-repo', '--previous-commit'];
  const got = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (names.includes(argv[i])) got[argv[i].slice(2)] = argv[++i];
    else rest.push(argv[i]);
  }
  if (got.versioned !== undefined) {
    for (const n of names.slice(1)) if (!got[n.slice(2)]) throw new Error(`--versioned needs ${n} too`);
    for (const n of ['versioned-commit', 'previous-commit']) if (!/^[0-9a-f]{40}$/.test(got[n])) throw new Error(`--${n} must be a 40-hex commit`);
  }
  return { got, rest };
}

function fileSource(repo, path, commit, file, upstream) {
  const text = readFileSync(file, 'utf8');
  return { text, source: { repo, upstream, path, commit, sha256: createHash('sha256').update(text).digest('hex') } };
}

function main() {
  const { got, rest } = listArgs(process.argv.slice(2));
  const args = parseArgs(rest);
  const site = openWebsite(args.location);
  const gates = {};
  let newest = 0;
  for (const file of site.list(GATES_DIR)) {
    if (!file.endsWith('.md') || file === 'index.md' || file === '_index.md') continue;
    const gate = readGate(file, site.read(`${GATES_DIR}/${file}`));
    if (!gate) continue;
    if (gates[gate.name]) throw new Error(`${file}: gate ${gate.name} twice`);
    for (const [, , from, to] of gate.stages) newest = Math.max(newest, minorNumber(from), to ? minorNumber(to) : 0);
    gates[gate.name] = { stages: gate.stages, ...(gate.removed ? { removed: true } : {}), ...(gate.formerNames.length ? { formerNames: gate.formerNames } : {}) };
  }
  const sources = [
    {
      repo: args.repo,
      upstream: 'kubernetes/website',
      path: GATES_DIR,
      commit: site.commit,
      commitDate: site.commitDate,
    },
  ];
  let coversThrough = newest;
  let changes;
  if (got.versioned !== undefined) {
    const list = fileSource(got['versioned-repo'], LIST_PATH, got['versioned-commit'], got.versioned, 'kubernetes/kubernetes');
    const previous = fileSource(got['previous-repo'], LIST_PATH, got['previous-commit'], got.previous, 'kubernetes/kubernetes');
    const md = fileSource(got['versioned-repo'], MD_PATH, got['versioned-commit'], got['feature-list'], 'kubernetes/kubernetes');
    list.source.release = `1.${newest + 1}`;
    md.source.release = `1.${newest + 1}`;
    previous.source.release = `1.${newest}`;
    sources.push(list.source, md.source, previous.source);
    changes = extendWithList(gates, newest, readVersionedList(list.text), readFeatureListMd(md.text), readVersionedList(previous.text), { list: 1, md: 2, previous: 3 });
    coversThrough = newest + 1;
  }
  const table = {
    source: sources,
    generatedBy: 'scripts/feature-gates/generate.mjs',
    stageRow: '[stage, defaultValue, fromVersion, toVersion (null: open), locked (present only when the source says locked)]',
    src: 'gates[name].src: indexes into source of what gave this gate\'s rows; absent means source[0] (the docs) alone',
    ...(changes ? { rules: RULES } : {}),
    // The newest Kubernetes minor the sources speak for.
    coversThrough: `1.${coversThrough}`,
    gates: Object.fromEntries(Object.keys(gates).sort().map((k) => [k, gates[k]])),
  };
  const out = args.out ?? new URL('../../server/src/engine/data/featureGates.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(table, null, 0).replace(/("[A-Za-z0-9]+":\{"stages")/g, '\n$1')}\n`);
  const removed = Object.values(gates).filter((g) => g.removed).length;
  process.stdout.write(`${Object.keys(gates).length} gates (${removed} removed), through v${table.coversThrough}, docs commit ${site.commit}\n`);
  if (changes) {
    for (const [what, names] of Object.entries(changes)) process.stdout.write(`${what} (${names.length}): ${names.join(names.some((n) => n.includes(' ')) ? '\n  ' : ', ')}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
