import { describe, expect, it } from 'vitest';
import { sshSource } from '../../server/src/engine/rules/sshSource';
import { resolveSsh } from '../../server/src/engine/support/sshResolution';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { nodeTargets } from '../../client/src/agent/nodes';
import { brief, clusterHead, range, run, yaml } from './helpers';

const SYSTEM_SYNC_ADVICE = (from: string) =>
  `SSH access comes only from ${from}; GitOps System Sync needs spec.cloudCredentials naming an MKS Credentials spec, because the agent SSHes with the key stored there.`;

describe('ssh-source', () => {
  it('accepts cloudCredentials', () => {
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: mks-ssh', '  config: {nodes: []}'))).toEqual([]);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: mks-ssh', '  config: {ssh: {username: u}}'))).toEqual([]);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: mks-ssh', '  config: {nodes: [{hostname: a}]}'))).toEqual([]);
  });

  it('advises cloudCredentials for GitOps System Sync when only config.ssh is set (info)', () => {
    expect(run(sshSource, yaml(...clusterHead, '  config:', '    ssh: {username: ubuntu, privateKeyPath: ~/.ssh/id_ed25519}')).map(brief)).toEqual([
      { severity: 'info', range: range(6, 4, 6, 7), message: SYSTEM_SYNC_ADVICE('config.ssh') },
    ]);
  });

  it("takes a node's own ssh block with a key as a complete SSH source (Rafay's templates), with the System Sync advice as info", () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes:',
      '      - hostname: a',
      '        ssh: {ipAddress: 203.0.113.1, port: "22", username: ubuntu, privateKeyPath: /keys/a}',
      '      - hostname: b',
      '        ssh: {ipAddress: 203.0.113.2, port: "22", username: ubuntu, privateKeyPath: /keys/b}',
    );
    expect(run(sshSource, text).map(brief)).toEqual([{ severity: 'info', range: range(8, 8, 8, 11), message: SYSTEM_SYNC_ADVICE("the nodes' ssh blocks") }]);
  });

  it('names each node that has no SSH source when others have one', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes:',
      '      - {hostname: a, ssh: {privateKeyPath: /keys/a}}',
      '      - {hostname: b, ssh: {ipAddress: 203.0.113.2}}',
      '      - {hostname: c}',
    );
    const findings = run(sshSource, text).map(brief);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([
      {
        severity: 'error',
        range: range(8, 22, 8, 25),
        message: 'Node b has no SSH source: its ssh block names no privateKeyPath, and there is no spec.config.ssh or spec.cloudCredentials to fall back on.',
      },
      {
        severity: 'error',
        range: range(9, 9, 9, 17),
        message: 'Node c has no SSH source: it has no ssh block with a privateKeyPath, and there is no spec.config.ssh or spec.cloudCredentials to fall back on.',
      },
    ]);
    expect(findings.filter((f) => f.severity === 'info')).toHaveLength(1);
  });

  it('reports no SSH source at all on the spec key, naming the nodes (an empty or non-string cloudCredentials does not count)', () => {
    expect(run(sshSource, yaml(...clusterHead, '  config: {nodes: []}')).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(3, 0, 3, 4),
        message:
          'No SSH access to the nodes: set spec.cloudCredentials to an MKS Credentials spec, or (for rctl runs from your machine) spec.config.ssh or an ssh block with privateKeyPath on each node.',
      },
    ]);
    const two = run(sshSource, yaml(...clusterHead, '  config: {nodes: [{hostname: a}, {hostname: b}]}'));
    expect(two.map((f) => f.message)).toEqual([expect.stringMatching(/^No SSH access to the nodes \(a and b\): /)]);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: ""', '  config: {ssh: null}')).map((f) => f.severity)).toEqual(['error']);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: [a]')).map((f) => f.severity)).toEqual(['error']);
  });

  it('is the same resolution the agent uses to reach the nodes', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes:',
      '      - {hostname: a, privateIP: 10.0.0.1, ssh: {ipAddress: 203.0.113.1, port: "2201", username: nodeuser, privateKeyPath: /k}}',
      '      - {hostname: b, privateIP: 10.0.0.2, ssh: {username: other}}',
    );
    const spec = new YamlFile('file:///t.yaml', text).specs[0].value as Record<string, unknown>;
    const targets = nodeTargets(spec, undefined, { username: 'agentuser' });
    expect(targets.map((t) => [t.target, t.source])).toEqual([
      [{ host: '203.0.113.1', port: 2201, username: 'nodeuser' }, 'node'],
      [{ host: '10.0.0.2', port: 22, portIsDefault: true, username: 'other' }, undefined],
    ]);
    expect(resolveSsh(spec).nodes.map((n) => n.source)).toEqual(targets.map((t) => t.source));
    // The node the agent has no source for is the one the rule names.
    expect(run(sshSource, text).filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([expect.stringMatching(/^Node b has no SSH source/)]);
  });
});
