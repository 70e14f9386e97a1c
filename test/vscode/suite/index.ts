// Entry point VS Code's extension host calls with run(): runs every *.test.js next to this file with mocha (tdd UI)
// (suite-untrusted/index.ts runs its own folder through runFolder)
// and writes the counts to $MKS_VSCODE_RESULTS for test/vscode/run.mjs, which prints the closing line.
// $MKS_VSCODE_GREP, when set, runs only the tests whose full title matches it.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface Results {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

export function run(): Promise<void> {
  return runFolder(__dirname);
}

export function runFolder(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.MKS_VSCODE_GREP) mocha.grep(process.env.MKS_VSCODE_GREP);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  const results: Results = { passed: 0, failed: 0, pending: 0, failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.MKS_VSCODE_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => results.passed++);
    runner.on('pending', () => results.pending++);
    runner.on('fail', (test, err: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) });
    });
  });
}
