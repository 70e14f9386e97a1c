// Which agent a VS Code action uses, and the sentence when there is none: the setting as VS Code hands it over
// (AgentAccess.agentsSetting), the cluster's Credentials spec from the workspace. No connection is opened.
import { describe, expect, it } from 'vitest';
import { HostKeyPolicy } from '../../client/src/agent/hostKeys';
import { agentForCluster, type AgentAccess } from '../../client/src/sshActions/agentSystemSource';

const cluster = { apiVersion: 'infra.k8smgmt.io/v3', kind: 'Cluster', metadata: { name: 'demo', project: 'p' }, spec: { type: 'mks' } };
const access = (setting: unknown): AgentAccess => ({
  agentsSetting: () => setting,
  workspaceFiles: () => [],
  hostKeys: new HostKeyPolicy({ trustStoreFile: '/nonexistent/known_hosts', userKnownHostsFiles: [] }),
});
const unavailable = (setting: unknown) => {
  const agent = agentForCluster(access(setting), cluster);
  return 'unavailable' in agent ? agent.unavailable : `chose ${agent.name}`;
};

describe('agentForCluster', () => {
  it('says there is no agent host only when the setting has no entry', () => {
    expect(unavailable(undefined)).toBe('No agent host configured: add one to mksGitops.agents');
    expect(unavailable({})).toBe('No agent host configured: add one to mksGitops.agents');
  });

  it('names the entries that are in the setting but cannot be used, once', () => {
    const text = unavailable({ dc1: { port: 22 }, dc2: { host: 'a2', port: 'x' } });
    expect(text).toBe('mksGitops.agents has no usable agent: mksGitops.agents.dc1: "host" is required; mksGitops.agents.dc2: "port" must be a whole number 1-65535');
    expect(text).not.toMatch(/No agent host configured/);
  });

  it('uses the one usable entry and still names a broken one when it must ask', () => {
    expect(unavailable({ dc1: { host: 'a1' }, dc2: { port: 22 } })).toBe('chose dc1');
    expect(unavailable({ dc1: { host: 'a1' }, dc2: { host: 'a2' }, dc3: { port: 22 } })).toBe(
      'Several agents are configured (dc1, dc2) and no Credentials spec names one: choose one; mksGitops.agents.dc3: "host" is required',
    );
  });

  it('says what is wrong with a setting of the wrong type', () => {
    expect(unavailable(['a1'])).toBe('mksGitops.agents has no usable agent: mksGitops.agents must be an object: agent name → settings');
  });
});
