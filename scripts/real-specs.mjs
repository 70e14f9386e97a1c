#!/usr/bin/env node
// The real-spec run: runs the BUILT CLI (dist/cli.js validate --format json) over directories of published
// Rafay MKS specs and prints a Markdown table of what each file gets (errors and warnings by rule), with the
// source of each file.
//
//   node scripts/real-specs.mjs DIR... [--out FILE]
//
// With --out, a FILE holding the markers <!-- real-specs:begin --> and <!-- real-specs:end --> (docs/real-specs.md)
// gets only the part between them replaced; any other FILE is overwritten.
//
// The specs are not part of this repository (they are Rafay's files, see docs/real-specs.md for how to gather
// them); each one names its source in its leading comment lines (the first 40 lines):
//   # source: OWNER/REPO PATH@COMMIT [note]
//   # translated: how it was turned into YAML (or "none (verbatim)")
// A file without a `# source:` line is listed with source "unknown" rather than skipped.
// Exit status: 0 when the table was written (whatever the findings), 2 when the CLI could not be run.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');

function parseArgv(argv) {
  const dirs = [];
  let out;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else dirs.push(argv[i]);
  }
  if (dirs.length === 0 || out === '') {
    process.stderr.write('usage: node scripts/real-specs.mjs DIR... [--out FILE]\n');
    process.exit(2);
  }
  return { dirs, out };
}

function yamlFiles(dir) {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** `# source:` and `# translated:` from the file's leading comment lines. */
function provenance(path) {
  const head = readFileSync(path, 'utf8').split('\n').slice(0, 40);
  const field = (name) => head.map((l) => l.match(new RegExp(`^#\\s*${name}:\\s*(.*)$`))?.[1]).find(Boolean);
  return { source: field('source') ?? 'unknown', translated: field('translated') ?? 'unknown' };
}

function runCli(files) {
  try {
    return JSON.parse(execFileSync(process.execPath, [cli, 'validate', '--format', 'json', ...files], { encoding: 'utf8' }));
  } catch (error) {
    // Exit 1 means findings at error level: the JSON is still on stdout.
    if (error.status === 1 && error.stdout) return JSON.parse(error.stdout);
    process.stderr.write(`real-specs: could not run ${cli} (build first: npm run build)\n${error.stderr ?? error.message}\n`);
    process.exit(2);
  }
}

/** "rule ×n" for each rule at one severity, most frequent first. */
function byRule(findings, severity) {
  const counts = new Map();
  for (const f of findings.filter((x) => x.severity === severity)) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => (n > 1 ? `${code} ×${n}` : code));
  return parts.length ? parts.join(', ') : '–';
}

function escapeCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(rows) {
  const lines = [
    '| file | errors | warnings | info | errors by rule | warnings by rule | source |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const count = (s) => r.findings.filter((f) => f.severity === s).length;
    lines.push(
      `| ${r.name} | ${count('error')} | ${count('warning')} | ${count('info') + count('hint')} | ${escapeCell(byRule(r.findings, 'error'))} | ${escapeCell(byRule(r.findings, 'warning'))} | ${escapeCell(r.source)} |`,
    );
  }
  return lines.join('\n');
}

function details(rows) {
  const lines = [];
  for (const r of rows) {
    const shown = r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    if (shown.length === 0) continue;
    lines.push(`### ${r.name}`, '');
    for (const f of shown) lines.push(`- ${f.line}:${f.column} ${f.severity} \`${f.code}\`: ${escapeCell(f.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const { dirs, out } = parseArgv(process.argv.slice(2));
const files = dirs.flatMap(yamlFiles);
if (files.length === 0) {
  process.stderr.write(`real-specs: no .yaml/.yml files in ${dirs.join(' ')}\n`);
  process.exit(2);
}
const report = runCli(files);
const byPath = new Map(report.files.map((f) => [resolve(f.path), f.findings]));
const rows = files.map((path) => ({ name: basename(path), findings: byPath.get(resolve(path)) ?? [], ...provenance(path) }));
const text = [
  table(rows),
  '',
  `Totals: ${report.summary.files} files, ${report.summary.error} errors, ${report.summary.warning} warnings, ${report.summary.info + report.summary.hint} info/hints.`,
  '',
  '## Findings at error and warning level',
  '',
  details(rows),
].join('\n');
if (!out) process.stdout.write(text + '\n');
else writeFileSync(out, intoDocument(out, text));

/** With --out naming a document that has the begin/end markers, only the part between them is replaced. */
function intoDocument(file, generated) {
  const begin = '<!-- real-specs:begin -->';
  const end = '<!-- real-specs:end -->';
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    return generated + '\n';
  }
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from < 0 || to < from) return generated + '\n';
  return `${current.slice(0, from + begin.length)}\n${generated}\n${current.slice(to)}`;
}
