// `npm test` after the build: the type check, then vitest and the real-VS-Code suite side by side. Both spend most
// of their time waiting (on sshd, the language server, pre-commit's npm, VS Code's own start-up), so on a 2-core
// machine they finish together in about the time of the longer one instead of one after the other.
// vitest prints as it goes; the VS Code suite's output is kept and printed whole once it ends, so the two never
// interleave, and its closing line ("N passed, N failed") is the last line unless vitest failed, which is said after
// it. Exits 1 when either failed.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const tsc = spawnSync(bin('tsc'), ['-p', '.', '--noEmit'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error(`The type check failed (tsc exit ${tsc.status ?? tsc.signal}); no test was run.`);
  process.exit(1);
}

const logDir = mkdtempSync(path.join(tmpdir(), 'mks-test-'));
const vscodeLog = path.join(logDir, 'vscode.log');

/** Runs a command to its end; resolves with its exit code (a signal or a spawn error counts as a failure). */
function run(command, args, stdio) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio });
    if (stdio !== 'inherit') {
      const out = createWriteStream(vscodeLog);
      child.stdout.pipe(out);
      child.stderr.pipe(out);
      child.on('close', (code, signal) => out.end(() => resolve(code ?? `signal ${signal}`)));
    } else {
      child.on('close', (code, signal) => resolve(code ?? `signal ${signal}`));
    }
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve('not started');
    });
  });
}

const vscode = run(process.execPath, [path.join(root, 'test', 'vscode', 'run.mjs')], ['ignore', 'pipe', 'pipe']);
const vitest = await run(bin('vitest'), ['run'], 'inherit');
const vscodeStatus = await vscode;
console.log('\n──── the real-VS-Code suite (test/vscode/run.mjs, run alongside vitest) ────');
const output = readFileSync(vscodeLog, 'utf8');
process.stdout.write(output.endsWith('\n') || output === '' ? output : `${output}\n`);
rmSync(logDir, { recursive: true, force: true });
if (vscodeStatus !== 0 && !/^\d+ passed, [1-9]\d* failed/m.test(output)) console.log(`The VS Code suite ended with exit ${vscodeStatus}.`);
if (vitest !== 0) console.log(`vitest failed (exit ${vitest}): its report is above the VS Code suite's.`);
process.exit(vitest === 0 && vscodeStatus === 0 ? 0 : 1);
