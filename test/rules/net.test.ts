// IP and CIDR helpers used by the subnets and proxy rules.
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrCovers, cidrsOverlap, parseCidr, parseIp } from '../../server/src/engine/net';

const cidr = (s: string) => {
  const c = parseCidr(s);
  if (!c) throw new Error(`not a CIDR: ${s}`);
  return c;
};

describe('net', () => {
  it('parses the usual notations only', () => {
    expect(parseIp('10.0.0.1')?.kind()).toBe('ipv4');
    expect(parseIp('fd00::1')?.kind()).toBe('ipv6');
    expect([parseIp('10.1'), parseIp('0x0a.0.0.1'), parseIp('fe80::1%eth0'), parseIp('host')]).toEqual([undefined, undefined, undefined, undefined]);
    expect(parseCidr('10.244.0.0/16')).toMatchObject({ family: 'ipv4', prefix: 16 });
    expect(parseCidr(' 2001:db8::/32 ')).toMatchObject({ family: 'ipv6', prefix: 32, text: '2001:db8::/32' });
    expect([parseCidr('10.0.0.0'), parseCidr('10.0.0.0/33'), parseCidr('::/129'), parseCidr('10.0.0.0/x'), parseCidr('10.0.0.0/-1')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('answers a text it has parsed before the same way (kept answers), also past the cache limit', () => {
    const texts = ['10.0.0.1', ' 10.0.0.1 ', 'fd00::1', '10.1', 'host', '', '256.0.0.1'];
    const first = texts.map((t) => parseIp(t)?.toNormalizedString());
    expect(first).toEqual(['10.0.0.1', '10.0.0.1', 'fd00:0:0:0:0:0:0:1', undefined, undefined, undefined, undefined]);
    expect(texts.map((t) => parseIp(t)?.toNormalizedString())).toEqual(first);
    // More distinct texts than the cache holds: it is emptied and refilled, answers unchanged.
    for (let i = 0; i < 25_000; i++) expect(parseIp(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)?.toString()).toBe(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(texts.map((t) => parseIp(t)?.toNormalizedString())).toEqual(first);
  });

  it('compares blocks and addresses within a family', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), parseIp('10.2.3.4')!)).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), parseIp('11.0.0.1')!)).toBe(false);
    expect(cidrContains(cidr('::/0'), parseIp('10.0.0.1')!)).toBe(false);
    expect(cidrCovers(cidr('10.0.0.0/8'), cidr('10.96.0.0/12'))).toBe(true);
    expect(cidrCovers(cidr('10.96.0.0/12'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrsOverlap(cidr('10.96.0.0/12'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrsOverlap(cidr('10.96.0.0/12'), cidr('10.244.0.0/16'))).toBe(false);
    // Host bits set in the block: still read as the block they belong to.
    expect(cidrCovers(cidr('10.244.0.0/16'), cidr('10.244.7.9/24'))).toBe(true);
    expect(cidrsOverlap(cidr('fd00::/8'), cidr('10.0.0.0/8'))).toBe(false);
  });
});
