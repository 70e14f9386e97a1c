// The agent host configuration (`mksGitops.agents`, or the CLI's --agent USER@HOST[:PORT]) with its
// defaults and validation, and the choice of agent for a cluster through its Credentials spec.
import { isRecord, type YamlFile } from '../../../server/src/engine/yamlFile';

export interface AgentAuth {
  /** Private key file; when set, only this identity is offered (from the ssh-agent if it holds it). */
  identityFile?: string;
  /** Use the user's ssh-agent (SSH_AUTH_SOCK); default true. */
  useAgent: boolean;
}

export interface AgentTimeouts {
  connectSeconds: number;
  /** Any short command (preflight checks, lock, status). */
  commandSeconds: number;
  /** The apply command itself. */
  applySeconds: number;
  /** Polling the taskset until it completes or fails. */
  pollSeconds: number;
}

export interface AgentConfig {
  name: string;
  /** A host name, an address or a ~/.ssh/config alias. */
  host: string;
  port: number;
  /** False when the port is only the default 22: then ~/.ssh/config's Port for the host applies. */
  explicitPort: boolean;
  /** '' = not set: ~/.ssh/config's User for the host, else the local login. */
  username: string;
  /** Connect to the nodes directly instead of through the agent host (as the CLI's --direct). */
  direct: boolean;
  auth: AgentAuth;
  /** Remote directory holding `<cluster>/spec.yaml`; relative paths are relative to the login's home. */
  workdir: string;
  /** Placeholders {file} {name} {project}. */
  applyCommand: string;
  /** Placeholders {name} {project}; empty = no status command (status then reads the applied record). */
  statusCommand: string;
  /** The change plan's preview on the agent host; placeholders {file} {name} {project}; empty = no dry run. */
  dryRunCommand: string;
  /** Placeholder {taskset}; empty = do not poll. */
  pollCommand: string;
  pollIntervalSeconds: number;
  keepaliveSeconds: number;
  /** How many nodes are worked on at once. */
  parallelism: number;
  timeouts: AgentTimeouts;
}

export const defaultAgent: Omit<AgentConfig, 'name' | 'host' | 'username'> = {
  port: 22,
  explicitPort: false,
  direct: false,
  auth: { useAgent: true },
  workdir: 'mks-gitops',
  applyCommand: 'rctl apply -f {file} --v3',
  statusCommand: 'rctl get cluster {name} -p {project} -o yaml --v3',
  dryRunCommand: 'rctl apply -f {file} --v3 --dry-run',
  pollCommand: 'rctl status apply {taskset}',
  pollIntervalSeconds: 10,
  keepaliveSeconds: 15,
  // A node costs us a few ms of CPU (handshake) and otherwise waits on the network and on the node, so 32 at
  // once keeps a large fleet moving without loading a small machine or the agent host (bench/ssh.ts).
  parallelism: 32,
  timeouts: { connectSeconds: 20, commandSeconds: 60, applySeconds: 1800, pollSeconds: 3600 },
};

export interface SshTarget {
  username: string;
  host: string;
  port: number;
  /** The port / username are only defaults (22, the agent's login): ~/.ssh/config may say otherwise. */
  portIsDefault?: boolean;
  usernameIsDefault?: boolean;
  /** More known_hosts files for this host (~/.ssh/config UserKnownHostsFile). */
  knownHostsFiles?: string[];
}

/** `[USER@]HOST[:PORT]`, with `[v6addr]:port` for IPv6; HOST may be a ~/.ssh/config alias. */
export function parseTarget(text: string): SshTarget {
  const match = /^(?:([^@\s]+)@)?(\[[0-9a-fA-F:.]+\]|[^:@\s[\]]+)(?::(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not [USER@]HOST[:PORT]`);
  const port = match[3] === undefined ? 22 : Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`"${text}": port ${match[3]} is not 1-65535`);
  return { username: match[1] ?? '', host: match[2].replace(/^\[|\]$/g, ''), port, ...(match[3] === undefined ? { portIsDefault: true } : {}) };
}

export function agentFromTarget(target: string, overrides: Partial<AgentConfig> = {}): AgentConfig {
  const { portIsDefault, ...t } = parseTarget(target);
  return { ...defaultAgent, name: target, ...t, explicitPort: !portIsDefault || overrides.port !== undefined, ...overrides, auth: { ...defaultAgent.auth, ...overrides.auth } };
}

export interface ParsedAgents {
  agents: AgentConfig[];
  /** One clear sentence per problem; a broken entry is left out, the others still work. */
  errors: string[];
}

/** Reads the `mksGitops.agents` setting (name → agent). Values of the wrong type are errors, never a crash. */
export function parseAgents(value: unknown): ParsedAgents {
  const agents: AgentConfig[] = [];
  const errors: string[] = [];
  if (value === undefined || value === null) return { agents, errors };
  if (!isRecord(value)) return { agents, errors: ['mksGitops.agents must be an object: agent name → settings'] };
  for (const [name, raw] of Object.entries(value)) {
    try {
      agents.push(parseAgent(name, raw));
    } catch (error) {
      errors.push(`mksGitops.agents.${name}: ${(error as Error).message}`);
    }
  }
  return { agents, errors };
}

function parseAgent(name: string, raw: unknown): AgentConfig {
  if (!isRecord(raw)) throw new Error('must be an object');
  const str = (key: string, fallback?: string): string => {
    const v = raw[key];
    if (v === undefined) {
      if (fallback === undefined) throw new Error(`"${key}" is required`);
      return fallback;
    }
    if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
    return v;
  };
  const num = (v: unknown, key: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw new Error(`"${key}" must be a whole number 1-${max}`);
    return v;
  };
  const bool = (v: unknown, key: string, fallback: boolean): boolean => {
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw new Error(`"${key}" must be true or false`);
    return v;
  };
  const host = str('host');
  if (!host.trim()) throw new Error('"host" is empty');
  const auth = raw.auth === undefined ? {} : raw.auth;
  if (!isRecord(auth)) throw new Error('"auth" must be an object');
  if (auth.identityFile !== undefined && typeof auth.identityFile !== 'string') throw new Error('"auth.identityFile" must be a path');
  if (auth.useAgent !== undefined && typeof auth.useAgent !== 'boolean') throw new Error('"auth.useAgent" must be true or false');
  for (const secret of ['passphrase', 'privateKey', 'password']) {
    if (secret in auth || secret in raw) throw new Error(`"${secret}" does not belong in settings; keys and passphrases are asked for and kept in secret storage`);
  }
  const timeouts = raw.timeouts === undefined ? {} : raw.timeouts;
  if (!isRecord(timeouts)) throw new Error('"timeouts" must be an object');
  const d = defaultAgent;
  return {
    name,
    host,
    port: num(raw.port, 'port', d.port, 65535),
    explicitPort: raw.port !== undefined,
    username: str('username', ''),
    direct: bool(raw.direct, 'direct', d.direct),
    auth: {
      identityFile: auth.identityFile as string | undefined,
      useAgent: (auth.useAgent as boolean | undefined) ?? d.auth.useAgent,
    },
    workdir: str('workdir', d.workdir),
    applyCommand: str('applyCommand', d.applyCommand),
    statusCommand: str('statusCommand', d.statusCommand),
    dryRunCommand: str('dryRunCommand', d.dryRunCommand),
    pollCommand: str('pollCommand', d.pollCommand),
    pollIntervalSeconds: num(raw.pollIntervalSeconds, 'pollIntervalSeconds', d.pollIntervalSeconds),
    keepaliveSeconds: num(raw.keepaliveSeconds, 'keepaliveSeconds', d.keepaliveSeconds),
    parallelism: num(raw.parallelism, 'parallelism', d.parallelism, 256),
    timeouts: {
      connectSeconds: num(timeouts.connectSeconds, 'timeouts.connectSeconds', d.timeouts.connectSeconds),
      commandSeconds: num(timeouts.commandSeconds, 'timeouts.commandSeconds', d.timeouts.commandSeconds),
      applySeconds: num(timeouts.applySeconds, 'timeouts.applySeconds', d.timeouts.applySeconds),
      pollSeconds: num(timeouts.pollSeconds, 'timeouts.pollSeconds', d.timeouts.pollSeconds),
    },
  };
}

/** What the cluster's Credentials spec tells us about SSH to the nodes (never its secrets). */
export interface CredentialsInfo {
  name: string;
  username: string | undefined;
  port: number | undefined;
  agents: string[];
}

/** Finds the Credentials spec named by the cluster's `spec.cloudCredentials` among the given files. */
export function credentialsFor(cluster: Record<string, unknown>, files: readonly YamlFile[]): CredentialsInfo | undefined {
  const spec = isRecord(cluster.spec) ? cluster.spec : {};
  const name = spec.cloudCredentials;
  if (typeof name !== 'string') return undefined;
  for (const file of files) {
    for (const document of file.specs) {
      const value = document.value;
      if (document.kind !== 'Credentials' || !isRecord(value) || !isRecord(value.metadata) || value.metadata.name !== name) continue;
      const creds = isRecord(value.spec) && isRecord(value.spec.credentials) ? value.spec.credentials : {};
      const agents = Array.isArray(creds.agents)
        ? creds.agents.flatMap((a) => (isRecord(a) && typeof a.name === 'string' ? [a.name] : []))
        : [];
      return { name, username: typeof creds.username === 'string' ? creds.username : undefined, port: toPort(creds.port), agents };
    }
  }
  return undefined;
}

/**
 * The agent for a cluster: the one the user asked for, else the first configured agent the
 * Credentials spec names, else the only configured agent. Throws a sentence saying what to do.
 * `rejected` are parseAgents' errors: entries that are in the setting but cannot be used. With none usable, the
 * sentence names them; it never says "no agent host configured" about a setting that has entries.
 */
export function chooseAgent(agents: readonly AgentConfig[], credentials: CredentialsInfo | undefined, requested?: string, rejected: readonly string[] = []): AgentConfig {
  if (agents.length === 0 && rejected.length > 0) {
    throw new Error(`mksGitops.agents has no usable agent: ${rejected.join('; ')}`);
  }
  if (requested) {
    const found = agents.find((a) => a.name === requested);
    if (!found) throw new Error(`No agent named "${requested}" in mksGitops.agents (configured: ${names(agents)})`);
    return found;
  }
  if (credentials && credentials.agents.length > 0) {
    const found = agents.find((a) => credentials.agents.includes(a.name));
    if (found) return found;
    throw new Error(
      `Credentials "${credentials.name}" names agent(s) ${credentials.agents.join(', ')}, none of which is in mksGitops.agents (configured: ${names(agents)})`,
    );
  }
  if (agents.length === 1) return agents[0];
  if (agents.length === 0) throw new Error('No agent host configured: add one to mksGitops.agents');
  throw new Error(`Several agents are configured (${names(agents)}) and no Credentials spec names one: choose one`);
}

export function toPort(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

const names = (agents: readonly AgentConfig[]) => (agents.length ? agents.map((a) => a.name).join(', ') : 'none');
