// The preflight checks as pure functions: a node's spec and the raw output of commands run on it in, one
// result out. Output that cannot be read gives an "unknown" result saying so, never an exception.
import ipaddr from 'ipaddr.js';
import type { Path } from '../../../server/src/engine/yamlFile';
import type { NodeView } from '../../../server/src/engine/support/clusterView';

export type CheckId = 'reachable' | 'hostname' | 'arch' | 'os' | 'private-ip' | 'sudo' | 'swap' | 'clock' | 'ports';
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown';

export interface CheckResult {
  check: CheckId;
  status: CheckStatus;
  message: string;
  /** The node field the result is about (relative to the node), for the diagnostic's range. */
  field?: Path;
}

/** One shell script gathers every fact but the clock; sections are marked so each parser gets its own text. */
export const FACTS_SCRIPT = [
  'echo @@hostname; hostname',
  'echo @@arch; uname -m',
  'echo @@os-release; cat /etc/os-release',
  'echo @@addresses; ip -o addr 2>/dev/null || hostname -I',
  'echo @@sudo; if [ "$(id -u)" = 0 ]; then echo root; elif sudo -n true 2>/dev/null; then echo ok; else echo no; fi',
  'echo @@swaps; cat /proc/swaps',
  'echo @@ports; ss -ltn 2>/dev/null || netstat -ltn 2>/dev/null',
].join('; ');

export function splitSections(output: string): Record<string, string> {
  const sections: Record<string, string> = {};
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const mark = /^@@([a-z-]+)$/.exec(line);
    if (mark) {
      current = mark[1];
      sections[current] = '';
    } else if (current) {
      sections[current] += line + '\n';
    }
  }
  return sections;
}

const result = (check: CheckId, status: CheckStatus, message: string, field?: Path): CheckResult => ({ check, status, message, ...(field ? { field } : {}) });
const unreadable = (check: CheckId, what: string, output: string | undefined, field?: Path) =>
  result(check, 'unknown', `Could not read ${what} from the node (got ${JSON.stringify((output ?? '').trim().slice(0, 80)) || 'nothing'})`, field);

export function checkHostname(node: NodeView, output: string | undefined): CheckResult {
  const actual = output?.trim();
  if (!actual || /\s/.test(actual)) return unreadable('hostname', 'the hostname', output, ['hostname']);
  if (node.hostname === undefined) return result('hostname', 'warn', `Node's hostname is ${actual}; the spec gives none`, ['hostname']);
  return actual === node.hostname
    ? result('hostname', 'pass', `hostname is ${actual}`)
    : result('hostname', 'fail', `Hostname mismatch: the node is "${actual}", the spec says "${node.hostname}" (the installer refuses a different hostname)`, ['hostname']);
}

const ARCHES: Record<string, string> = { x86_64: 'amd64', amd64: 'amd64', aarch64: 'arm64', arm64: 'arm64' };

export function checkArch(node: NodeView, output: string | undefined): CheckResult {
  const machine = output?.trim();
  if (!machine || /\s/.test(machine)) return unreadable('arch', 'the machine architecture (uname -m)', output, ['arch']);
  const arch = ARCHES[machine];
  const declared = typeof node.value.arch === 'string' ? node.value.arch : undefined;
  if (!arch) return result('arch', 'fail', `The node's architecture ${machine} is not supported (amd64 or arm64)`, ['arch']);
  if (declared === arch) return result('arch', 'pass', `arch ${arch} (${machine})`);
  return result('arch', 'fail', `Architecture mismatch: the node is ${arch} (uname -m: ${machine}), the spec says ${declared ?? 'nothing'}`, ['arch']);
}

/** ID/VERSION_ID of /etc/os-release → the spec's operatingSystem spelling; undefined when we know no mapping. */
export function operatingSystemOf(osRelease: Record<string, string>): string | undefined {
  const id = osRelease.ID?.toLowerCase();
  const version = osRelease.VERSION_ID ?? '';
  const major = version.split('.')[0];
  switch (id) {
    case 'ubuntu':
      return /^\d+\.\d+$/.test(version) ? `Ubuntu${version}` : undefined;
    case 'rhel':
      return major ? `RHEL${major}` : undefined;
    case 'rocky':
      return major ? `Rocky${major}` : undefined;
    case 'almalinux':
      return major ? `AlmaLinux${major}` : undefined;
    case 'flatcar':
      return 'Flatcar';
    default:
      return undefined;
  }
}

export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) fields[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  return fields;
}

export function checkOperatingSystem(node: NodeView, output: string | undefined): CheckResult {
  const fields = parseOsRelease(output ?? '');
  if (!fields.ID) return unreadable('os', '/etc/os-release', output, ['operatingSystem']);
  const name = fields.PRETTY_NAME ?? `${fields.ID} ${fields.VERSION_ID ?? ''}`.trim();
  const mapped = operatingSystemOf(fields);
  if (!mapped) {
    return result('os', 'warn', `The node runs ${name} (ID=${fields.ID}, VERSION_ID=${fields.VERSION_ID ?? '?'}), which maps to no known operatingSystem value; the spec says ${node.operatingSystem ?? 'nothing'}`, ['operatingSystem']);
  }
  return mapped === node.operatingSystem
    ? result('os', 'pass', `operatingSystem ${mapped} (${name})`)
    : result('os', 'fail', `Operating system mismatch: the node runs ${name} (${mapped}), the spec says ${node.operatingSystem ?? 'nothing'}`, ['operatingSystem']);
}

/** Addresses with their interface from `ip -o addr`, or without one from `hostname -I`. */
export function parseAddresses(output: string): Array<{ address: string; iface: string | undefined }> {
  const found: Array<{ address: string; iface: string | undefined }> = [];
  for (const line of output.split('\n')) {
    const m = /^\d+:\s+(\S+)\s+inet6?\s+([0-9a-fA-F.:]+)\//.exec(line.trim());
    if (m) found.push({ address: m[2], iface: m[1].replace(/@.*$/, '') });
  }
  if (found.length > 0) return found;
  return output.trim().split(/\s+/).filter((a) => ipaddr.isValid(a)).map((address) => ({ address, iface: undefined }));
}

export function checkPrivateIp(node: NodeView, output: string | undefined): CheckResult {
  if (!node.privateIP || !ipaddr.isValid(node.privateIP)) return result('private-ip', 'unknown', 'The spec gives no valid privateIP to look for', ['privateIP']);
  const addresses = parseAddresses(output ?? '');
  if (addresses.length === 0) return unreadable('private-ip', 'the network addresses (ip -o addr / hostname -I)', output, ['privateIP']);
  const wanted = ipaddr.process(node.privateIP).toString();
  const match = addresses.find((a) => ipaddr.isValid(a.address) && ipaddr.process(a.address).toString() === wanted);
  if (!match) return result('private-ip', 'fail', `privateIP ${node.privateIP} is on no interface of the node (it has ${addresses.map((a) => a.address).join(', ')})`, ['privateIP']);
  const declared = typeof node.value.interface === 'string' ? node.value.interface : undefined;
  if (declared && match.iface && declared !== match.iface) {
    return result('private-ip', 'warn', `privateIP ${node.privateIP} is on interface ${match.iface}, the spec says interface ${declared}`, ['interface']);
  }
  return result('private-ip', 'pass', `privateIP ${node.privateIP} on ${match.iface ?? 'an interface'}`);
}

export function checkSudo(output: string | undefined, username: string): CheckResult {
  switch (output?.trim()) {
    case 'root':
      return result('sudo', 'pass', 'logged in as root');
    case 'ok':
      return result('sudo', 'pass', 'passwordless sudo works');
    case 'no':
      return result('sudo', 'fail', `Passwordless sudo is not available for ${username} (sudo -n true failed); the installer needs it`);
    default:
      return unreadable('sudo', 'whether sudo works', output);
  }
}

export function checkSwap(output: string | undefined): CheckResult {
  const lines = (output ?? '').split('\n').filter((l) => l.trim());
  if (!lines[0]?.startsWith('Filename')) return unreadable('swap', '/proc/swaps', output);
  const devices = lines.slice(1).map((l) => l.split(/\s+/)[0]);
  return devices.length === 0
    ? result('swap', 'pass', 'swap is off')
    : result('swap', 'fail', `Swap is on (${devices.join(', ')}); Kubernetes needs it off (swapoff -a and remove it from /etc/fstab)`);
}

export const CONTROL_PLANE_PORTS = [6443, 2379, 2380, 10250];

export function checkPorts(output: string | undefined): CheckResult {
  const text = output ?? '';
  if (!/Local Address/i.test(text)) return unreadable('ports', 'the listening ports (ss -ltn)', output);
  const listening = new Set<number>();
  for (const line of text.split('\n').slice(1)) {
    const local = line.trim().split(/\s+/)[3];
    const port = Number(local?.slice(local.lastIndexOf(':') + 1));
    if (Number.isInteger(port)) listening.add(port);
  }
  const busy = CONTROL_PLANE_PORTS.filter((p) => listening.has(p));
  // Busy ports are expected on a node that already runs this cluster (a day-2 apply), so only a warning.
  return busy.length === 0
    ? result('ports', 'pass', `ports ${CONTROL_PLANE_PORTS.join(', ')} are free`)
    : result('ports', 'warn', `Port(s) ${busy.join(', ')} already in use on this control-plane node (fine only if it already runs this cluster)`, ['roles']);
}

/** The output of `date +%s.%N`, in seconds. */
export function parseEpoch(output: string | undefined): number | undefined {
  const value = Number(output?.trim());
  return output && /^\d+(\.\d+)?$/.test(output.trim()) && Number.isFinite(value) ? value : undefined;
}

/**
 * The node's clock against the agent host's (both measured against ours, see remoteClock.ts). The skew is known
 * to ± `uncertaintySeconds`: it fails only when it is over the limit by more than that, so a slow round trip
 * (a loaded machine) is never reported as skew, and it passes only when it is within the limit by that much.
 */
export function checkClock(skewSeconds: number | undefined, maxSkewSeconds: number, raw: string | undefined, uncertaintySeconds = 0): CheckResult {
  if (skewSeconds === undefined) return unreadable('clock', 'the clock (date +%s.%N)', raw);
  const abs = Math.abs(skewSeconds);
  const within = `±${uncertaintySeconds.toFixed(2)}s`;
  if (abs - uncertaintySeconds > maxSkewSeconds) {
    return result('clock', 'fail', `Clock skew of ${abs.toFixed(1)}s against the agent host (limit ${maxSkewSeconds}s); check NTP on the node`);
  }
  return abs + uncertaintySeconds <= maxSkewSeconds
    ? result('clock', 'pass', `clock within ${abs.toFixed(2)}s (${within}) of the agent host`)
    : result('clock', 'unknown', `Clock skew of ${abs.toFixed(2)}s (${within}) against the agent host, limit ${maxSkewSeconds}s: the round trip was too slow to tell; run preflight again`);
}
