import { describe, expect, it } from 'vitest';
import { sshSource } from '../../server/src/engine/rules/sshSource';
import { brief, clusterHead, range, run, yaml } from './helpers';

describe('ssh-source', () => {
  it('accepts cloudCredentials', () => {
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: mks-ssh', '  config: {nodes: []}'))).toEqual([]);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: mks-ssh', '  config: {ssh: {username: u}}'))).toEqual([]);
  });

  it('advises cloudCredentials for GitOps System Sync when only config.ssh is set (info)', () => {
    expect(run(sshSource, yaml(...clusterHead, '  config:', '    ssh: {username: ubuntu, privateKeyPath: ~/.ssh/id_ed25519}')).map(brief)).toEqual([
      {
        severity: 'info',
        range: range(6, 4, 6, 7),
        message:
          'Only config.ssh gives SSH access; GitOps System Sync needs spec.cloudCredentials naming an MKS Credentials spec, because the agent SSHes with the key stored there.',
      },
    ]);
  });

  it('reports no SSH source at all on the spec key (an empty or non-string cloudCredentials does not count)', () => {
    const expected = [
      {
        severity: 'error',
        range: range(3, 0, 3, 4),
        message: 'No SSH access to the nodes: set spec.cloudCredentials to an MKS Credentials spec (or add spec.config.ssh for rctl runs from your machine).',
      },
    ];
    expect(run(sshSource, yaml(...clusterHead, '  config: {nodes: []}')).map(brief)).toEqual(expected);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: ""', '  config: {ssh: null}')).map((f) => f.severity)).toEqual(['error']);
    expect(run(sshSource, yaml(...clusterHead, '  cloudCredentials: [a]')).map((f) => f.severity)).toEqual(['error']);
  });
});
