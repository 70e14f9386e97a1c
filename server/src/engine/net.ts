// IP addresses and CIDR blocks for the network rules (subnets, proxy). Strict parsing, like the
// schema's formats: four-part decimal IPv4 and standard IPv6 without zone ids, since ipaddr.js alone
// also accepts forms such as `10.1` or `0x0a.0.0.1` that the Kubernetes tooling would reject.
import ipaddr from 'ipaddr.js';

export type Family = 'ipv4' | 'ipv6';

export interface Cidr {
  text: string;
  family: Family;
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
}

/**
 * The address written in `text` (surrounding spaces ignored), or undefined. The schema's ip format, the subnets
 * rule and duplicate-private-ip each read every node's address, so a 1,000-node spec asked ipaddr.js 3,000 times
 * (about 2 ms of a warm open, bench/RESULTS.md): answers are kept, by text, for the next caller. The address
 * objects are shared between callers, which only read them.
 */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  let known = parsedAddresses.get(text);
  if (known === undefined) {
    if (parsedAddresses.size >= MAX_PARSED_ADDRESSES) parsedAddresses.clear();
    known = parseIpUncached(text) ?? null;
    parsedAddresses.set(text, known);
  }
  return known ?? undefined;
}

/** Texts parseIp has answered (null: not an address); cleared when full, so a long session's memory stays bounded. */
const parsedAddresses = new Map<string, ipaddr.IPv4 | ipaddr.IPv6 | null>();
const MAX_PARSED_ADDRESSES = 20_000;

function parseIpUncached(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return ipaddr.IPv4.parse(trimmed);
  if (!trimmed.includes('%') && ipaddr.IPv6.isValid(trimmed)) return ipaddr.IPv6.parse(trimmed);
  return undefined;
}

/** A CIDR block such as `10.244.0.0/16`; undefined for anything else (a bare address included). */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIp(trimmed.slice(0, slash));
  const prefixText = trimmed.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const family = address.kind();
  if (prefix > (family === 'ipv4' ? 32 : 128)) return undefined;
  return { text: trimmed, family, address, prefix };
}

/** Whether the address lies inside the block (false across families). */
export function cidrContains(cidr: Cidr, address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return address.kind() === cidr.family && address.match([cidr.address, cidr.prefix]);
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && cidrContains(outer, inner.address);
}

/** Two blocks overlap exactly when one covers the other (CIDR blocks nest or are disjoint). */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrCovers(a, b) || cidrCovers(b, a);
}
