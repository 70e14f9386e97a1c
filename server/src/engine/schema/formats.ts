// Address formats the schemas use (`format: ip`, `ipv4-cidr`, `ipv6-cidr`, `host`), with the same strict parsing
// as the network rules (../net): no zone ids, no shortened or octal IPv4 forms, prefix lengths within the family.
import { parseCidr, parseIp } from '../net';

const hostName = /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/;
const dottedNumbers = /^[\d.]+$/;

const isIp = (s: string) => s.trim() === s && parseIp(s) !== undefined;
const isCidrOf = (family: 'ipv4' | 'ipv6') => (s: string) => s.trim() === s && parseCidr(s)?.family === family;

export const addressFormats: Record<string, (s: string) => boolean> = {
  ip: isIp,
  'ipv4-cidr': isCidrOf('ipv4'),
  'ipv6-cidr': isCidrOf('ipv6'),
  // An SSH target: an IP address, or a DNS name (something that only looks like an IPv4 address must be one).
  host: (s) => isIp(s) || (!dottedNumbers.test(s) && hostName.test(s)),
};

/** How each format reads in a message: "must be …". */
export const formatWords: Record<string, string> = {
  ip: 'an IPv4 or IPv6 address like 10.0.0.11',
  'ipv4-cidr': 'an IPv4 CIDR like 10.244.0.0/16',
  'ipv6-cidr': 'an IPv6 CIDR like 2001:db8:42::/56',
  host: 'an IP address or a host name',
};

/** The formats as ajv takes them (and as the build-time standalone validators call them: `ajvFormats[name].validate`). */
export const ajvFormats: Record<string, { type: 'string'; validate: (s: string) => boolean }> = Object.fromEntries(
  Object.entries(addressFormats).map(([name, validate]) => [name, { type: 'string' as const, validate }]),
);
