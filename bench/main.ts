// `npm run bench`: every benchmark in one run, one table at the end (also written to
// bench/results/latest.md and latest.json). Options: --only cold,lsp,floor,cli,ssh,bundle  --sizes 10,100,1000,2000
// --cold-sizes 10,1000  --cold-samples 7  --quick
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { activationProbe, bundleSizes } from './bundle';
import { benchCli, cliMedian } from './cli';
import { benchColdStart, type ColdResult } from './cold';
import { benchLanguageServers, p50, p95, type SizeResult } from './lsp';
import { measureParseFloor, type ParseFloor } from './parseFloor';
import { benchSsh } from './ssh';
import { logLogSlope, median, mib, ms, ratio, table } from './stats';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'cold,lsp,floor,cli,ssh,bundle' },
    sizes: { type: 'string', default: '10,100,1000,2000' },
    quick: { type: 'boolean', default: false },
    root: { type: 'string', default: process.cwd() },
    'peer-validate': { type: 'string' },
    'ssh-sizes': { type: 'string', default: '1,10,50' },
    'cold-sizes': { type: 'string', default: '10,1000' },
    'cold-samples': { type: 'string', default: '7' },
  },
});
const root = resolve(values.root!);
const only = new Set(values.only!.split(','));
const sizes = values.sizes!.split(',').map(Number);
/**
 * The pause each server waits before validating: the peer 200 ms always; ours none on open and 50 ms after an edit
 * it re-parsed locally, as the bench's edit is (server/src/lsp/diagnostics.ts).
 */
const DEBOUNCE_MS = { peer: { open: 200, change: 200 }, ours: { open: 0, change: 50 } };
const log = (line: string) => process.stderr.write(line + '\n');
const sections: string[] = [];
const json: Record<string, unknown> = { date: new Date().toISOString(), cores: (await import('node:os')).cpus().length };

if (only.has('cold')) {
  log('Cold start: spawn → initialize → didOpen → first diagnostics, a fresh server per sample…');
  const results = await benchColdStart({
    root,
    sizes: values['cold-sizes']!.split(',').map(Number),
    samples: values.quick ? 3 : Number(values['cold-samples']),
    log,
  });
  json.cold = results;
  sections.push(coldTable(results));
}

let warmOpen: { nodes: number; ours: number; peer: number } | undefined;
if (only.has('lsp')) {
  log('Language servers (ours vs yaml-language-server 2.0.0 with schemas/mks.schema.json)…');
  const results = await benchLanguageServers({
    root,
    sizes,
    rounds: (nodes) => (values.quick ? 2 : nodes >= 2000 ? 4 : 6),
    requests: values.quick ? 20 : 60,
    log,
  });
  json.lsp = results;
  sections.push(lspTable(results));
  const thousand = results.find((r) => r.nodes === 1000) ?? results[results.length - 1];
  if (thousand) warmOpen = { nodes: thousand.nodes, ours: median(thousand.ours.openMs), peer: median(thousand.peer.openMs) };
}

if (only.has('floor')) {
  const nodes = warmOpen?.nodes ?? 1000;
  log(`Parse floor: lex, CST, compose and YamlFile of the ${nodes}-node spec in this process…`);
  const floor = measureParseFloor(nodes, values.quick ? 5 : 15);
  json.floor = floor;
  sections.push(floorTable(floor, warmOpen));
}

if (only.has('cli')) {
  log('CLI validate over 200 specs (ours vs yaml-language-server doValidation)…');
  const peerScript = values['peer-validate'] ?? join(root, 'bench', 'results', '.build', 'peerValidate.mjs');
  const result = benchCli(root, peerScript, 200, values.quick ? 2 : 5);
  json.cli = result;
  const m = cliMedian(result);
  sections.push(
    [
      `### CLI: validate a folder of ${result.files} specs (median of ${result.oursMs.length} runs, process start-up included)`,
      '',
      table(
        ['', 'ours', 'peer', 'ours/peer'],
        [
          ['wall time', ms(m.ours), ms(m.peer), ratio(m.ours, m.peer)],
          ['last output line', result.oursSummary, result.peerSummary, ''],
          ['exit code on a folder with one faulty spec', String(result.faultyFolder.ours), String(result.faultyFolder.peer), ''],
        ],
      ),
    ].join('\n'),
  );
}

if (only.has('ssh')) {
  log('SSH fan-out: preflight vs a sequential loop of OpenSSH ssh (sshd per node on loopback)…');
  const rows = await benchSsh(values['ssh-sizes']!.split(',').map(Number), values.quick ? 1 : 3, [10, 50], log);
  json.ssh = rows;
  const one = rows.find((r) => r.nodes === 1);
  const cores = json.cores as number;
  const body = rows.flatMap((r) =>
    r.ours.map((o, i) => {
      const mine = median(o.ms);
      const loop = median(r.loopMs);
      const cpu = median(o.nodeCpuMs.map((nodes, run) => nodes + o.clientCpuMs[run]));
      return [
        i === 0 ? String(r.nodes) : '',
        String(o.parallelism),
        `${ms(mine)}${o.ok ? '' : ' (checks NOT all passed)'}`,
        i === 0 ? `${ms(loop)}${r.loopOk ? '' : ' (ssh failed)'}` : '',
        ratio(loop, mine),
        one ? ratio(mine, median(one.ours[0].ms)) : 'n/a',
        `${ms(median(o.nodeCpuMs))} + ${ms(median(o.clientCpuMs))}`,
        ms(cpu / cores),
      ];
    }),
  );
  sections.push(
    [
      `### SSH preflight fan-out (median of ${rows[0]?.loopMs.length ?? 0} rounds, cold connections, ${process.env.BENCH_SSH_VIA_AGENT === '1' ? 'through the agent host' : 'straight to the nodes'})`,
      '',
      table(
        ['nodes', 'parallelism', 'ours', 'ssh loop', 'loop/ours (speed-up)', 'ours vs 1 node', 'CPU: sshds + ours', `least wall time on ${cores} cores`],
        body,
      ),
      '',
      'Every simulated node (and the agent host) is a real sshd on this machine, so their CPU (handshakes, sessions, checks)',
      'and ours share its cores: no run can take less wall time than all that CPU divided by the cores.',
    ].join('\n'),
  );
}

if (only.has('bundle')) {
  log('Bundle sizes and activation probe…');
  const sizesFound = bundleSizes(root);
  const probe = await activationProbe(root);
  json.bundle = { ...sizesFound, ...probe };
  const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  sections.push(
    [
      '### Bundle',
      '',
      table(
        ['artifact', 'size'],
        [
          ...sizesFound.files.map((f) => [f.name, kib(f.bytes)]),
          [sizesFound.vsix?.name ?? '.vsix', sizesFound.vsix ? kib(sizesFound.vsix.bytes) : (sizesFound.vsixError ?? 'not built')],
          ['SSH code loaded when dist/extension.js is required', probe.sshLoadedOnRequire ? 'yes' : 'no'],
          ['SSH code loaded after activate()', probe.sshLoadedOnActivate ? 'yes' : 'no'],
          ...(probe.sshLoadedVia ? [['first SSH module run, via', probe.sshLoadedVia]] : []),
          ...(probe.activateError ? [['activate() against a stand-in vscode threw', probe.activateError.slice(0, 100)]] : []),
          ...activationRows(root),
        ],
      ),
    ].join('\n'),
  );
}

const report = sections.join('\n\n') + '\n';
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.md'), report);
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(json, null, 2));
process.stdout.write('\n' + report);

/** The start-up figures the real-VS-Code suite wrote (test/vscode/suite/activation.test.ts), when it ran. */
function activationRows(root: string): string[][] {
  try {
    const a = JSON.parse(readFileSync(join(root, 'bench', 'results', 'vscode-activation.json'), 'utf8')) as Record<string, unknown>;
    const when = `real VS Code ${String(a.vscode)}, Node ${String(a.node)}, ${String(a.date)}`;
    return [
      [`activate() (${when})`, `${String(a.activateMs)} ms`],
      ['activate() → language client started (initialize answered)', `${String(a.languageClientStartedMs)} ms`],
      ['our bundles loaded in the extension host then', (a.bundlesLoaded as string[]).join(', ')],
    ];
  } catch {
    return [['activation in real VS Code', 'not measured: run npm run test:vscode first']];
  }
}

function coldTable(results: ColdResult[]): string {
  const rows = results.flatMap((r) => {
    const o = median(r.ours.firstDiagnosticsMs);
    const p = median(r.peer.firstDiagnosticsMs);
    const oi = median(r.ours.initializeMs);
    const pi = median(r.peer.initializeMs);
    return [
      [`${r.nodes}`, 'spawn → first diagnostics (median)', ms(o), ms(p), ratio(o, p)],
      ['', 'spawn → initialize answered (median)', ms(oi), ms(pi), ratio(oi, pi)],
      ['', 'initialize → first diagnostics', ms(o - oi), ms(p - pi), ratio(o - oi, p - pi)],
      ['', 'all samples, spawn → first diagnostics', r.ours.firstDiagnosticsMs.map((v) => Math.round(v)).join(' '), r.peer.firstDiagnosticsMs.map((v) => Math.round(v)).join(' '), ''],
      ['', 'diagnostics in the first publish (valid spec)', r.ours.diagnostics.join(', ') || 'none', r.peer.diagnostics.join(', ') || 'none', ''],
    ];
  });
  return [
    `### Cold start: a fresh server per sample (${results[0]?.ours.firstDiagnosticsMs.length ?? 0} samples per size and server, turns alternate)`,
    '',
    table(['nodes', 'measure', 'ours', 'peer', 'ours/peer'], rows),
  ].join('\n');
}

function floorTable(f: ParseFloor, open: { nodes: number; ours: number; peer: number } | undefined): string {
  const times = (v: number) => `${(v / f.lexMs).toFixed(1)}×`;
  const rows = [
    ['lex only (yaml Lexer)', ms(f.lexMs), '1.0×'],
    ['lex + CST (yaml Parser)', ms(f.cstMs), times(f.cstMs)],
    ['lex + CST + compose (parseAllDocuments, as both servers parse)', ms(f.composeMs), times(f.composeMs)],
    [`our YamlFile (documents, positions, plain values${f.composedFromCst ? ', composed from the CST' : ', NOT from the CST'})`, ms(f.yamlFileMs), times(f.yamlFileMs)],
    ['… the same YamlFile the old way (parseAllDocuments + toJS)', ms(f.fullYamlFileMs), times(f.fullYamlFileMs)],
    ...(open
      ? [
          ['ours: didOpen → diagnostics over stdio (median, above)', ms(open.ours), times(open.ours)],
          ['peer: didOpen → diagnostics over stdio (median, above)', ms(open.peer), times(open.peer)],
        ]
      : []),
  ];
  return [
    `### Parse floor: the ${f.nodes}-node spec (${f.chars} characters) in the bench process (median of runs after warm-up)`,
    '',
    table(['step', 'time', 'multiple of lex only'], rows),
  ].join('\n');
}

function lspTable(results: SizeResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    const o = r.ours;
    const p = r.peer;
    const openO = median(o.openMs);
    const openP = median(p.openMs);
    const changeO = median(o.changeMs);
    const changeP = median(p.changeMs);
    rows.push(
      [`${r.nodes}`, 'diagnostics after didOpen (median)', ms(openO), ms(openP), ratio(openO, openP)],
      ['', `… minus debounce (ours ${DEBOUNCE_MS.ours.open}, peer ${DEBOUNCE_MS.peer.open} ms)`, ms(openO - DEBOUNCE_MS.ours.open), ms(openP - DEBOUNCE_MS.peer.open), ratio(openO - DEBOUNCE_MS.ours.open, openP - DEBOUNCE_MS.peer.open)],
      ['', 'diagnostics after didChange (median)', ms(changeO), ms(changeP), ratio(changeO, changeP)],
      ['', `… minus debounce (ours ${DEBOUNCE_MS.ours.change}, peer ${DEBOUNCE_MS.peer.change} ms)`, ms(changeO - DEBOUNCE_MS.ours.change), ms(changeP - DEBOUNCE_MS.peer.change), ratio(changeO - DEBOUNCE_MS.ours.change, changeP - DEBOUNCE_MS.peer.change)],
      ['', 'completion p50 / p95', `${ms(p50(o.completionMs))} / ${ms(p95(o.completionMs))}`, `${ms(p50(p.completionMs))} / ${ms(p95(p.completionMs))}`, `${ratio(p50(o.completionMs), p50(p.completionMs))} / ${ratio(p95(o.completionMs), p95(p.completionMs))}`],
      ['', 'hover p50 / p95', `${ms(p50(o.hoverMs))} / ${ms(p95(o.hoverMs))}`, `${ms(p50(p.hoverMs))} / ${ms(p95(p.hoverMs))}`, `${ratio(p50(o.hoverMs), p50(p.hoverMs))} / ${ratio(p95(o.hoverMs), p95(p.hoverMs))}`],
      ['', 'peak RSS (VmHWM)', mib(o.peakRssMiB), mib(p.peakRssMiB), ratio(o.peakRssMiB, p.peakRssMiB)],
      ['', 'diagnostics: valid spec / faulty spec (fault flagged?)', `${o.validDiagnostics} / ${o.faultyDiagnostics} (${o.faultFound ? 'yes' : 'NO'})`, `${p.validDiagnostics} / ${p.faultyDiagnostics} (${p.faultFound ? 'yes' : 'NO'})`, ''],
    );
  }
  const slopes = slopeRows(results);
  return [
    `### Language server over stdio (${results[0]?.ours.openMs.length ?? 0} open/change rounds, ${results[0]?.ours.completionMs.length ?? 0} completion and hover requests per size)`,
    '',
    table(['nodes', 'measure', 'ours', 'peer', 'ours/peer'], rows),
    ...(slopes.length ? ['', table(['growth (log-log slope)', 'ours', 'peer'], slopes)] : []),
  ].join('\n');
}

function slopeRows(results: SizeResult[]): string[][] {
  const first = results.find((r) => r.nodes === 10) ?? results[0];
  const last = results.find((r) => r.nodes === 1000) ?? results[results.length - 1];
  if (!first || !last || first === last) return [];
  const slope = (pick: (r: SizeResult) => number) => logLogSlope(first.nodes, pick(first), last.nodes, pick(last)).toFixed(2);
  const span = `${first.nodes}→${last.nodes} nodes`;
  return [
    [`didOpen → diagnostics, ${span}`, slope((r) => median(r.ours.openMs)), slope((r) => median(r.peer.openMs))],
    [`didOpen → diagnostics minus debounce, ${span}`, slope((r) => median(r.ours.openMs) - DEBOUNCE_MS.ours.open), slope((r) => median(r.peer.openMs) - DEBOUNCE_MS.peer.open)],
    [`didChange → diagnostics minus debounce, ${span}`, slope((r) => median(r.ours.changeMs) - DEBOUNCE_MS.ours.change), slope((r) => median(r.peer.changeMs) - DEBOUNCE_MS.peer.change)],
    [`completion p50, ${span}`, slope((r) => p50(r.ours.completionMs)), slope((r) => p50(r.peer.completionMs))],
    [`hover p50, ${span}`, slope((r) => p50(r.ours.hoverMs)), slope((r) => p50(r.peer.hoverMs))],
    [`peak RSS, ${span}`, slope((r) => r.ours.peakRssMiB), slope((r) => r.peer.peakRssMiB)],
  ];
}
