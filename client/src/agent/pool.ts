// The connections of one operation: the agent host once, each node once (through the agent unless direct),
// all closed together at the end.
import type { AgentConfig, SshTarget } from './agentConfig';
import { prepareAuth, type AuthOptions, type PreparedAuth } from './auth';
import { connect, targetLabel, type SshConnection } from './connect';
import type { HostKeyPolicy } from './hostKeys';

export interface PoolOptions {
  agent: AgentConfig;
  auth: Omit<AuthOptions, 'identityFile' | 'useAgent'>;
  hostKeys: HostKeyPolicy;
  /** Connect to the nodes directly instead of through the agent host. */
  direct?: boolean;
}

export class ConnectionPool {
  private prepared: Promise<PreparedAuth> | undefined;
  private readonly open = new Map<string, Promise<SshConnection>>();

  constructor(private readonly options: PoolOptions) {}

  agentHost(): Promise<SshConnection> {
    const { host, port, username } = this.options.agent;
    return this.get({ host, port, username });
  }

  node(target: SshTarget): Promise<SshConnection> {
    if (this.options.direct) return this.get(target);
    return this.agentHost().then((via) => this.get(target, via));
  }

  closeAll(): void {
    for (const pending of this.open.values()) pending.then((c) => c.close(), () => undefined);
    this.open.clear();
  }

  private get(target: SshTarget, via?: SshConnection): Promise<SshConnection> {
    const key = targetLabel(target);
    const cached = this.open.get(key);
    if (cached) return cached;
    const { agent } = this.options;
    const pending = this.auth().then((auth) =>
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

  private auth(): Promise<PreparedAuth> {
    this.prepared ??= prepareAuth({ ...this.options.auth, identityFile: this.options.agent.auth.identityFile, useAgent: this.options.agent.auth.useAgent });
    return this.prepared;
  }
}
