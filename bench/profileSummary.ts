// Sums a .cpuprofile's samples inside the open windows bench/profileOpen.ts wrote (windows.json; the warm-up
// open is skipped): self time per function, per source file (of the bundle's source map, when given), and per
// phase (parse, schema check, rules, diagnostics, JSON-RPC, GC, idle), and the same after the publish.
//   npx tsx bench/profileSummary.ts DIR [--map dist/server.js.map] [--top 40]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = argv[0];
const top = Number(arg('top') ?? 40);
const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!profileFile) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as Profile;
const windows = (JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as { name: string; startUs: number; endUs: number }[]).filter(
  (w) => w.name !== 'faulty',
);

// Source map (optional): generated line/column → original file, so self time can be told per module.
const sourceOf = makeSourceLookup(arg('map'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The phase a sample belongs to: the first known frame from the leaf upwards that names one. */
function phaseOf(id: number): string {
  const leaf = byId.get(id)!.callFrame;
  if (leaf.functionName === '(garbage collector)') return 'GC';
  if (leaf.functionName === '(idle)') return 'idle';
  if (leaf.functionName === '(program)') return 'program (V8/native, outside JS)';
  const stack: string[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at)!.callFrame;
    stack.push(`${f.functionName}@${sourceOf(f)}`);
  }
  // From the root down: the outermost engine entry decides; inside validate(), the outermost rule or the schema check.
  stack.reverse();
  for (let i = 0; i < stack.length; i++) {
    const frame = stack[i];
    if (/^validate@.*engine\/validate\.ts/.test(frame)) {
      for (const inner of stack.slice(i + 1)) {
        const rule = /engine\/rules\/(?!index|rule\.)([\w.]+)\.ts/.exec(inner);
        if (rule) return `validate: rule ${rule[1]}`;
        if (/engine\/schema\//.test(inner)) return 'validate: schema check';
      }
      return `validate: other (${stack[stack.length - 1]})`;
    }
    for (const [phase, test] of PHASES) if (test(frame)) return phase;
  }
  return `other: ${stack[stack.length - 1]}`;
}

const PHASES: [string, (frame: string) => boolean][] = [
  ['diagnostics conversion (toDiagnostic)', (f) => f.startsWith('toDiagnostic@')],
  ['sendDiagnostics / JSON-RPC write', (f) => /^(sendDiagnostics|sendNotification|write|stringify)@/.test(f) && /vscode-jsonrpc|vscode-languageserver|node:/.test(f)],
  ['composeNodes (after publish)', (f) => f.startsWith('composeNodes@')],
  ['parse (YamlFile)', (f) => /^(YamlFile|parseCst|get documents|documents)@/.test(f) || /engine\/(yamlFile|cstDocuments)\.ts/.test(f)],
  ['credentials update', (f) => /workspaceCredentials/.test(f)],
  ['workspace diagnostics (background)', (f) => /workspaceDiagnostics/.test(f)],
  ['JSON-RPC read / message handling', (f) => /vscode-jsonrpc/.test(f)],
  ['text document sync', (f) => /vscode-languageserver-textdocument|textDocuments/.test(f)],
];

function report(title: string, inWindow: (t: number) => number) {
  const selfByFn = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const byPhase = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  const per = windows.map(() => 0);
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const w = inWindow(t);
    if (w < 0) continue;
    // A sample stands for the time until the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i])!;
    const f = node.callFrame;
    const src = sourceOf(f);
    const key = `${f.functionName || '(anonymous)'} ${src}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + dt);
    const file = src.replace(/:\d+$/, '');
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + dt);
    const phase = phaseOf(node.id);
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + dt);
    per[w] += dt;
    total += dt;
  }
  const n = windows.length;
  const print = (m: Map<string, number>, limit: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .forEach(([k, v]) => console.log(`  ${(v / n).toFixed(2).padStart(8)} ms/open  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`));
  console.log(`\n=== ${title}: ${n} windows, ${(total / n).toFixed(1)} ms per open (sampled), per window: ${per.map((v) => v.toFixed(0)).join(' ')}`);
  console.log('-- by phase (outermost known frame)');
  print(byPhase, 45);
  console.log('-- self time by source file');
  print(selfByFile, 25);
  console.log('-- self time by function');
  print(selfByFn, top);
}

report('didOpen → publish', (t) => windows.findIndex((w) => t >= w.startUs && t <= w.endUs));
report('publish → +300 ms (after-publish work)', (t) => windows.findIndex((w) => t > w.endUs && t <= w.endUs + 300_000));

function makeSourceLookup(mapFile: string | undefined): (f: CallFrame) => string {
  const short = (u: string) => u.replace(/^.*node_modules\//, 'nm/').replace(/^file:\/\/.*\/(dist|server\/src)\//, '$1/');
  if (!mapFile) return (f) => `${short(f.url)}:${f.lineNumber + 1}`;
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  // Decode VLQ mappings into per-line sorted [column, sourceIndex, originalLine].
  const lines: number[][][] = [];
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = new Map([...chars].map((c, i) => [c, i]));
  let src = 0;
  let oline = 0;
  let ocol = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs: number[][] = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const fields: number[] = [];
      let shift = 0;
      let acc = 0;
      for (const c of seg) {
        const d = value.get(c)!;
        acc += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(acc & 1 ? -(acc >> 1) : acc >> 1);
          acc = 0;
          shift = 0;
        }
      }
      col += fields[0];
      if (fields.length >= 4) {
        src += fields[1];
        oline += fields[2];
        ocol += fields[3];
        segs.push([col, src, oline]);
      }
    }
    lines.push(segs);
  }
  return (f) => {
    if (!f.url.endsWith('server.js')) return short(f.url) || '(native)';
    const segs = lines[f.lineNumber] ?? [];
    let best: number[] | undefined;
    for (const s of segs) if (s[0] <= f.columnNumber) best = s;
    else break;
    if (!best) return 'dist/server.js';
    return `${map.sources[best[1]].replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, 'nm/')}:${best[2] + 1}`;
  };
}
