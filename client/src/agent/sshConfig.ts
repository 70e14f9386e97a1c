// The user's OpenSSH client configuration (~/.ssh/config), read with the `ssh-config` library (npm, by cyjake;
// we do not parse it ourselves): for a host name or alias, its HostName, User, Port, IdentityFile, ProxyJump and
// UserKnownHostsFile, as `ssh` would take them (first value wins, `Host` patterns and `Match host`).
// `Match exec` is never run. An explicit setting (mksGitops.agents, the spec's ssh fields, CLI flags) beats the file.
import { promises as fs } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import SSHConfig from 'ssh-config';
import type { SshTarget } from './agentConfig';

export interface HostSettings {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  /** The hops, in order, each as written (`[user@]host[:port]` or an alias); `none` gives none. */
  proxyJump: string[];
  userKnownHostsFiles: string[];
}

/** A target as the pool connects to it: the resolved address, who, which key, which hops, which known_hosts. */
export interface ResolvedTarget {
  target: SshTarget;
  identityFile?: string;
  jumps: ResolvedTarget[];
  knownHostsFiles: string[];
}

/** What the caller asked for, with what it set explicitly (the rest may come from the file). */
export interface TargetRequest {
  host: string;
  port?: number;
  username?: string;
  identityFile?: string;
}

export class SshClientConfig {
  private constructor(
    private readonly config: SSHConfig | undefined,
    /** Where it was read from, for messages. */
    readonly file: string | undefined,
  ) {}

  /** No file: every request resolves to itself. */
  static readonly none = new SshClientConfig(undefined, undefined);

  static parse(text: string, file?: string): SshClientConfig {
    return new SshClientConfig(SSHConfig.parse(text), file);
  }

  /** Reads the file; a missing file is no configuration, an unreadable or broken one is an error that says so. */
  static async load(file: string): Promise<SshClientConfig> {
    const resolved = expandPath(file);
    let text: string;
    try {
      text = await fs.readFile(resolved, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return SshClientConfig.none;
      throw new Error(`Cannot read the SSH client configuration ${resolved}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      return SshClientConfig.parse(text, resolved);
    } catch (error) {
      throw new Error(`Cannot parse the SSH client configuration ${resolved}: ${(error as Error).message}`);
    }
  }

  /** The file's settings for one host name or alias. */
  settingsFor(host: string): HostSettings {
    if (!this.config) return { identityFiles: [], proxyJump: [], userKnownHostsFiles: [] };
    const computed = this.config.compute(host, { ignoreCase: true, matchExec: false }) as Record<string, string | string[] | undefined>;
    const one = (key: string): string | undefined => {
      const v = computed[key];
      return Array.isArray(v) ? v[0] : v;
    };
    const many = (key: string): string[] => {
      const v = computed[key];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    };
    const port = one('port');
    const jump = one('proxyjump');
    return {
      hostName: one('hostname')?.replace(/%h/g, host),
      user: one('user'),
      port: port !== undefined && /^\d+$/.test(port) ? Number(port) : undefined,
      identityFiles: many('identityfile').map((f) => expandPath(f, host)),
      proxyJump: !jump || jump.toLowerCase() === 'none' ? [] : jump.split(',').map((h) => h.trim()).filter(Boolean),
      userKnownHostsFiles: many('userknownhostsfile').flatMap((v) => v.split(/\s+/)).filter((f) => f && f.toLowerCase() !== 'none').map((f) => expandPath(f, host)),
    };
  }

  /**
   * Where and how to connect for a request: explicit values first, then the file's, then ssh's defaults (port 22,
   * the local login). ProxyJump hops are resolved the same way (an alias among them is looked up too).
   */
  resolve(request: TargetRequest, depth = 0): ResolvedTarget {
    if (depth > 8) throw new Error(`ProxyJump chain too long at ${request.host} (in ${this.file ?? 'the SSH configuration'})`);
    const s = this.settingsFor(request.host);
    const target: SshTarget = {
      host: s.hostName ?? request.host,
      port: request.port ?? s.port ?? 22,
      username: request.username || s.user || userInfo().username,
    };
    const identityFile = request.identityFile ?? s.identityFiles[0];
    const jumps = s.proxyJump.map((hop) => this.resolve(parseHop(hop), depth + 1));
    return { target, ...(identityFile ? { identityFile } : {}), jumps, knownHostsFiles: s.userKnownHostsFiles };
  }
}

/** `[user@]host[:port]` of a ProxyJump hop (`[v6]:port` too). */
function parseHop(hop: string): TargetRequest {
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hop);
  if (!match) return { host: hop };
  return { host: match[2].replace(/^\[|\]$/g, ''), ...(match[1] ? { username: match[1] } : {}), ...(match[3] ? { port: Number(match[3]) } : {}) };
}

/** `~` and ssh's `%d` (home), `%h` (host), `%u` (local user) in a path. */
function expandPath(file: string, host = ''): string {
  const home = homedir();
  const expanded = file.replace(/%d/g, home).replace(/%h/g, host).replace(/%u/g, userInfo().username).replace(/%%/g, '%');
  return expanded === '~' || expanded.startsWith('~/') ? path.join(home, expanded.slice(1)) : expanded;
}
