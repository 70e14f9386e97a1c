// The connections of one operation: the agent host once, each node once (through the agent unless direct, or
// through the hops ~/.ssh/config's ProxyJump names), all closed together at the end. Every host is resolved
// through the user's SSH client configuration (sshConfig.ts): aliases, HostName, User, Port, IdentityFile,
// ProxyJump, UserKnownHostsFile; what the settings or the spec say explicitly comes first.
import type { AgentConfig, SshTarget } from './agentConfig';
import { prepareAuth, type AuthOptions, type PreparedAuth } from './auth';
import { connect, targetLabel, type SshConnection } from './connect';
import type { HostKeyPolicy } from './hostKeys';
import { SshClientConfig, type ResolvedTarget } from './sshConfig';

export interface PoolOptions {
  agent: AgentConfig;
  auth: Omit<AuthOptions, 'identityFile' | 'useAgent'>;
  hostKeys: HostKeyPolicy;
  /** Connect to the nodes directly instead of through the agent host; default: the agent's own `direct`. */
  direct?: boolean;
  /** The user's ~/.ssh/config (SshClientConfig.load); default: none. */
  sshConfig?: SshClientConfig;
}

export class ConnectionPool {
  /** Auth prepared once per identity file ('' = the agent's settings / default keys). */
  private readonly prepared = new Map<string, Promise<PreparedAuth>>();
  private readonly open = new Map<string, Promise<SshConnection>>();
  private readonly config: SshClientConfig;

  constructor(private readonly options: PoolOptions) {
    this.config = options.sshConfig ?? SshClientConfig.none;
  }

  /** The agent host as it will be connected to (after ~/.ssh/config), for messages and tests. */
  agentTarget(): ResolvedTarget {
    const { agent } = this.options;
    return this.config.resolve({
      host: agent.host,
      ...(agent.explicitPort ? { port: agent.port } : {}),
      ...(agent.username ? { username: agent.username } : {}),
      ...(agent.auth.identityFile ? { identityFile: agent.auth.identityFile } : {}),
    });
  }

  agentHost(): Promise<SshConnection> {
    return Promise.resolve().then(() => this.connectResolved(this.agentTarget()));
  }

  node(target: SshTarget): Promise<SshConnection> {
    return Promise.resolve().then(() => {
      const resolved = this.config.resolve({
        host: target.host,
        ...(target.portIsDefault ? {} : { port: target.port }),
        ...(target.usernameIsDefault ? {} : { username: target.username }),
      });
      if (target.usernameIsDefault && !this.config.settingsFor(target.host).user && target.username) resolved.target.username = target.username;
      // ProxyJump in ~/.ssh/config says how this node is reached; else through the agent host unless direct.
      if (resolved.jumps.length > 0 || (this.options.direct ?? this.options.agent.direct)) return this.connectResolved(resolved);
      return this.agentHost().then((via) => this.connectResolved(resolved, via));
    });
  }

  closeAll(): void {
    for (const pending of this.open.values()) pending.then((c) => c.close(), () => undefined);
    this.open.clear();
  }

  private async connectResolved(resolved: ResolvedTarget, via?: SshConnection): Promise<SshConnection> {
    let hop = via;
    for (const jump of resolved.jumps) hop = await this.connectResolved(jump, hop);
    const target = resolved.knownHostsFiles.length ? { ...resolved.target, knownHostsFiles: resolved.knownHostsFiles } : resolved.target;
    return this.get(target, hop, resolved.identityFile);
  }

  private get(target: SshTarget, via?: SshConnection, identityFile?: string): Promise<SshConnection> {
    const key = targetLabel(target);
    const cached = this.open.get(key);
    if (cached) return cached;
    const { agent } = this.options;
    const pending = this.auth(identityFile).then((auth) =>
      connect({
        target,
        auth,
        hostKeys: this.options.hostKeys,
        via,
        readyTimeoutMs: agent.timeouts.connectSeconds * 1000,
        keepaliveIntervalMs: agent.keepaliveSeconds * 1000,
      }),
    );
    this.open.set(key, pending);
    pending.catch(() => this.open.delete(key)); // a failed connection may be retried by a later step
    return pending;
  }

  private auth(identityFile = this.options.agent.auth.identityFile): Promise<PreparedAuth> {
    const id = identityFile ?? '';
    let prepared = this.prepared.get(id);
    if (!prepared) {
      prepared = prepareAuth({ ...this.options.auth, identityFile, useAgent: this.options.agent.auth.useAgent });
      this.prepared.set(id, prepared);
    }
    return prepared;
  }
}
