// Asserts that captured output carries no secret: the test passphrase, or any line of a private key file.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { TEST_PASSPHRASE, type Keys } from './sshd';

export function expectNoSecrets(output: string, keys: Keys): void {
  expect(output).not.toContain(TEST_PASSPHRASE);
  expect(output).not.toContain('PRIVATE KEY');
  for (const file of [keys.plain, keys.encrypted, keys.stranger]) {
    const body = readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of body) expect(output).not.toContain(line);
  }
}
