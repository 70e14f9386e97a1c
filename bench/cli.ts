// `mks-gitops validate <folder>` vs yaml-language-server's doValidation over the same folder and schema,
// each as a fresh Node process (start-up included, as a user or CI job sees it), taking turns.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterSpecYaml, writeSpecFolder } from './generateSpec';
import { median } from './stats';

export interface CliResult {
  files: number;
  oursMs: number[];
  peerMs: number[];
  /** The last line each printed and its exit code, to show both really checked the files. */
  oursSummary: string;
  peerSummary: string;
  faultyFolder: { ours: number | null; peer: number | null };
}

export function benchCli(root: string, peerScript: string, files: number, rounds: number): CliResult {
  const folder = join(root, 'bench', 'results', 'cli-specs');
  writeSpecFolder(folder, files);
  const schema = join(root, 'schemas', 'mks.schema.json');
  const ours = () => run(['node', join(root, 'dist', 'cli.js'), 'validate', folder], root);
  const peer = () => run(['node', peerScript, schema, folder], root);
  const result: CliResult = { files, oursMs: [], peerMs: [], oursSummary: '', peerSummary: '', faultyFolder: { ours: null, peer: null } };
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const)) {
      const r = side === 'ours' ? ours() : peer();
      result[`${side}Ms`].push(r.ms);
      result[`${side}Summary`] = `exit ${r.status}: ${r.lastLine}`;
    }
  }
  // Both must fail on a folder holding one faulty spec, or the timing above measured nothing.
  const faulty = join(root, 'bench', 'results', 'cli-faulty');
  writeSpecFolder(faulty, 3);
  writeFileSync(join(faulty, 'cluster-001.yaml'), clusterSpecYaml({ nodes: 5, fault: true }));
  result.faultyFolder = {
    ours: run(['node', join(root, 'dist', 'cli.js'), 'validate', faulty], root).status,
    peer: run(['node', peerScript, schema, faulty], root).status,
  };
  return result;
}

function run(command: string[], cwd: string) {
  const t0 = performance.now();
  const r = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const lines = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n');
  return { ms, status: r.status, lastLine: lines[lines.length - 1]?.slice(0, 120) ?? '' };
}

export const cliMedian = (r: CliResult) => ({ ours: median(r.oursMs), peer: median(r.peerMs) });
