// Profiles our language server's warm open (issue 12): starts dist/server.js with --cpu-prof, opens the faulty
// 1,000-node spec once to warm up, then opens the valid one N times (each a new document, as the bench does), and
// stops the server so V8 writes the profile. Prints each open's time and the server's CPU time (main thread, all
// threads, from /proc), and writes each open's window (windows.json, on V8's clock) beside the .cpuprofile for
// bench/profileSummary.ts. `--no-profile` times without the profiler; `--node-options "…"` replaces the server's Node
// options (GC settings); `--threads` prints each thread's CPU per open; `--root` is the checkout whose dist/server.js runs.
//   npx esbuild bench/profileOpen.ts --bundle --platform=node --outfile=bench/results/prof/profileOpen.cjs
//   node bench/results/prof/profileOpen.cjs --root . [--nodes 1000] [--opens 8] [--out DIR]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_OPTIONS } from '../server/src/lsp/processOptions';
import { clusterSpecYaml } from './generateSpec';
import { LspSession } from './lspSession';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const root = resolve(arg('root', resolve(__dirname, '..')));
const nodes = Number(arg('nodes', '1000'));
const opens = Number(arg('opens', '8'));
const out = resolve(arg('out', join(root, 'bench', 'results', 'profile')));
mkdirSync(out, { recursive: true });
/** --node-options "…" replaces the server's own Node options (to try GC settings); --no-profile times without the profiler. */
const nodeOptions = process.argv.includes('--node-options') ? arg('node-options', '').split(' ').filter(Boolean) : SERVER_NODE_OPTIONS;
const profiling = !process.argv.includes('--no-profile');

async function main() {
  const session = await LspSession.start({
    command: ['node', ...nodeOptions, ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${out}`, '--cpu-prof-interval=200'] : []), join(root, 'dist', 'server.js'), '--stdio'],
    rootPath: root,
    configuration: { mksGitops: {} },
  });
  const uri = (name: string) => pathToFileURL(join(root, 'bench', 'results', 'lsp', `profile-${nodes}-${name}.yaml`)).href;
  // Each open's window on the monotonic clock V8's profile timestamps use (µs), for bench/profileSummary.ts.
  const hr0 = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
  const windows: { name: string; startUs: number; endUs: number }[] = [];
  const cpu: { main: number; all: number }[] = [];
  const open = async (name: string, text: string) => {
    const published = session.nextDiagnostics(uri(name));
    const c0 = cpuNs(session.pid);
    const t0 = performance.now();
    await session.open(uri(name), text, 1);
    const p = await published;
    const c1 = cpuNs(session.pid);
    cpu.push({ main: (c1.main - c0.main) / 1e6, all: (c1.all - c0.all) / 1e6 });
    if (process.argv.includes('--threads'))
      console.log([...c1.byThread].map(([t, ns]) => `${t} ${((ns - (c0.byThread.get(t) ?? 0)) / 1e6).toFixed(1)}`).filter((l) => !l.endsWith(' 0.0')).join(', '));
    windows.push({ name, startUs: hr0 + t0 * 1000, endUs: hr0 + p.at * 1000 });
    return p.at - t0;
  };
  console.log(`warm-up (faulty): ${(await open('faulty', clusterSpecYaml({ nodes, fault: true }))).toFixed(1)} ms`);
  const valid = clusterSpecYaml({ nodes });
  const times: number[] = [];
  for (let i = 0; i < opens; i++) {
    const ms = await open(`open-${i}`, valid);
    times.push(ms);
    console.log(`open ${i}: ${ms.toFixed(1)} ms (server CPU: main thread ${cpu.at(-1)!.main.toFixed(1)} ms, all threads ${cpu.at(-1)!.all.toFixed(1)} ms)`);
    await new Promise((r) => setTimeout(r, 300)); // let the after-publish work (node composition) finish
    await session.close(uri(`open-${i}`));
  }
  await session.stop();
  const sorted = [...times].sort((a, b) => a - b);
  const mid = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(1);
  const timed = cpu.slice(1); // the warm-up's
  console.log(
    `median ${mid(times)} ms, min ${sorted[0].toFixed(1)} ms; server CPU median main ${mid(timed.map((c) => c.main))} ms, all ${mid(timed.map((c) => c.all))} ms (${nodeOptions.join(' ')})`,
  );
  writeFileSync(join(out, 'windows.json'), JSON.stringify(windows, null, 1));
  console.log(`profile in ${out} (open windows in windows.json)`);
}
/** CPU time the server's threads have run (ns, from /proc's schedstat): its main (JS) thread, and all of them (GC helpers too). */
function cpuNs(pid: number): { main: number; all: number; byThread: Map<string, number> } {
  let main = 0;
  let all = 0;
  const byThread = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    all += ns;
    if (Number(tid) === pid) main = ns;
    const name = `${readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()}#${tid}`;
    byThread.set(name, ns);
  }
  return { main, all, byThread };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
