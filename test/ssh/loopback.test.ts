// The test nodes' own addresses (test/support/sshd.ts addLoopbackAddresses): in 127.0.0.0/8 only, explicitly on
// lo, and never shared by two users at once (test files side by side, two runs, a crashed run's leftovers).
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { addLoopbackAddresses, type LoopbackBlock } from '../support/sshd';

const onLo = () => execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo'], { encoding: 'utf8' });
const blockOf = (address: string) => address.split('.').slice(0, 3).join('.');
const taken: LoopbackBlock[] = [];
const take = (count: number) => {
  const block = addLoopbackAddresses(count);
  taken.push(block);
  return block;
};

afterEach(() => taken.splice(0).forEach((b) => b.remove()));

describe('loopback addresses for test nodes', () => {
  it('gives two callers at once two different blocks in 127.77.0.0/16, each address on lo', () => {
    const a = take(2);
    const b = take(2);
    for (const address of [...a.addresses, ...b.addresses]) {
      expect(address).toMatch(/^127\.77\.\d{1,3}\.\d{1,3}$/);
      expect(onLo()).toContain(`inet ${address}/32 `);
    }
    expect(blockOf(a.addresses[0])).not.toBe(blockOf(b.addresses[0]));
    expect(a.spare(99)).toBe(`${blockOf(a.addresses[0])}.99`);
    expect(onLo()).not.toContain(`inet ${a.spare(99)}/`);
  });

  it('skips a block where any address is already on lo (another run, or a leftover)', () => {
    const first = take(1);
    const block = blockOf(first.addresses[0]);
    first.remove();
    // A stranger's leftover in the block this process would pick first.
    const leftover = `${block}.200`;
    execFileSync('ip', ['addr', 'add', `${leftover}/32`, 'dev', 'lo']);
    try {
      const next = take(1);
      expect(blockOf(next.addresses[0])).not.toBe(block);
    } finally {
      execFileSync('ip', ['addr', 'del', `${leftover}/32`, 'dev', 'lo']);
    }
  });

  it('takes its addresses off lo again on remove()', () => {
    const block = take(3);
    block.remove();
    for (const address of block.addresses) expect(onLo()).not.toContain(`inet ${address}/`);
  });
});
