// The installer needs SSH access to the nodes: from a Credentials spec or from config.ssh (reference §5.9,
// confirmed by the TF provider). GitOps System Sync SSHes from the agent with the credential's key, so it
// needs cloudCredentials (a local privateKeyPath means nothing to the agent): advice when only config.ssh.
import { config, record, text } from '../support/clusterView';
import type { Rule } from './rule';

export const sshSource: Rule = {
  id: 'ssh-source',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'spec.cloudCredentials or spec.config.ssh is set; GitOps System Sync needs cloudCredentials.',
  check(spec) {
    const hasCredentials = Boolean(text(record(spec.spec)?.cloudCredentials)?.trim());
    if (hasCredentials) return [];
    if (record(config(spec).ssh)) {
      return [
        {
          path: ['spec', 'config', 'ssh'],
          target: 'key',
          severity: 'info',
          message:
            'Only config.ssh gives SSH access; GitOps System Sync needs spec.cloudCredentials naming an MKS Credentials spec, because the agent SSHes with the key stored there.',
        },
      ];
    }
    return [
      {
        path: ['spec', 'cloudCredentials'],
        target: 'key',
        message: 'No SSH access to the nodes: set spec.cloudCredentials to an MKS Credentials spec (or add spec.config.ssh for rctl runs from your machine).',
      },
    ];
  },
};
