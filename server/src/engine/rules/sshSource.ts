// Every node needs SSH access for the installer: from its own `ssh` block with a key, from `config.ssh`, or
// from the Credentials spec `cloudCredentials` names (reference §5 rules 9–10; §11: Rafay's templates give
// each node its own `ssh` and neither of the others, and rctl applies them). The nodes with none are named.
// GitOps System Sync SSHes from the agent with the credential's key (a local privateKeyPath means nothing to
// the agent), so a spec without cloudCredentials gets that as advice (info), never as an error.
// The resolution is shared with the agent (support/sshResolution.ts).
import { nameList, nodeName, record } from '../support/clusterView';
import { resolveSsh } from '../support/sshResolution';
import type { Rule, RuleFinding } from './rule';

export const sshSource: Rule = {
  id: 'ssh-source',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'Every node gets SSH access (its ssh block, spec.config.ssh or spec.cloudCredentials); GitOps System Sync needs cloudCredentials.',
  check(spec) {
    if (!record(spec.spec)) return []; // no spec at all: the schema check reports that
    const ssh = resolveSsh(spec);
    if (ssh.credentials) return [];
    const without = ssh.nodes.filter((n) => n.source === undefined);
    const anySource = ssh.hasConfigSsh || ssh.nodes.some((n) => n.source !== undefined);
    if (!anySource) {
      const which = without.length > 0 ? ` (${nameList(without.map((n) => nodeName(n.node)))})` : '';
      return [
        {
          path: ['spec', 'cloudCredentials'],
          target: 'key',
          message: `No SSH access to the nodes${which}: set spec.cloudCredentials to an MKS Credentials spec, or (for rctl runs from your machine) spec.config.ssh or an ssh block with privateKeyPath on each node.`,
        },
      ];
    }
    const findings: RuleFinding[] = without.map(({ node }) => {
      const hasSsh = node.value.ssh !== undefined && node.value.ssh !== null;
      return {
        // On the node's ssh key, else its hostname, else the list item: a line the user can see, not the whole node.
        path: hasSsh ? [...node.path, 'ssh'] : node.hostname !== undefined ? [...node.path, 'hostname'] : node.path,
        target: 'key',
        message: `Node ${nodeName(node)} has no SSH source: ${hasSsh ? 'its ssh block names no privateKeyPath' : 'it has no ssh block with a privateKeyPath'}, and there is no spec.config.ssh or spec.cloudCredentials to fall back on.`,
      };
    });
    findings.push({
      path: ssh.hasConfigSsh ? ['spec', 'config', 'ssh'] : [...(ssh.nodes.find((n) => n.source === 'node')?.node.path ?? []), 'ssh'],
      target: 'key',
      severity: 'info',
      message: `SSH access comes only from ${ssh.hasConfigSsh ? 'config.ssh' : "the nodes' ssh blocks"}; GitOps System Sync needs spec.cloudCredentials naming an MKS Credentials spec, because the agent SSHes with the key stored there.`,
    });
    return findings;
  },
};
