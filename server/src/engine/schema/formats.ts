// Address formats the schemas use (`format: ip`, `ipv4-cidr`, `ipv6-cidr`, `host`), checked with ipaddr.js.
// Strict on purpose: no zone ids, no shortened or octal IPv4 forms, prefix lengths within the family.
import ipaddr from 'ipaddr.js';

const isIPv4 = (s: string) => ipaddr.IPv4.isValidFourPartDecimal(s);
const isIPv6 = (s: string) => !s.includes('%') && ipaddr.IPv6.isValid(s);

function isCidr(s: string, isAddress: (a: string) => boolean, maxPrefix: number): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const prefix = s.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix && isAddress(s.slice(0, slash));
}

const hostName = /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/;
const dottedNumbers = /^[\d.]+$/;

export const addressFormats: Record<string, (s: string) => boolean> = {
  ip: (s) => isIPv4(s) || isIPv6(s),
  'ipv4-cidr': (s) => isCidr(s, isIPv4, 32),
  'ipv6-cidr': (s) => isCidr(s, isIPv6, 128),
  // An SSH target: an IP address, or a DNS name (something that only looks like an IPv4 address must be one).
  host: (s) => isIPv4(s) || isIPv6(s) || (!dottedNumbers.test(s) && hostName.test(s)),
};

/** How each format reads in a message: "must be …". */
export const formatWords: Record<string, string> = {
  ip: 'an IPv4 or IPv6 address like 10.0.0.11',
  'ipv4-cidr': 'an IPv4 CIDR like 10.244.0.0/16',
  'ipv6-cidr': 'an IPv6 CIDR like 2001:db8:42::/56',
  host: 'an IP address or a host name',
};
