// Every node needs its own hostname: the installer checks it against the machine, and Rafay keys nodes by it.
import { nodes } from '../support/clusterView';
import { duplicateFindings } from '../support/duplicates';
import type { Rule } from './rule';

export const duplicateHostname: Rule = {
  id: 'duplicate-hostname',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'No two nodes share a hostname.',
  check(spec) {
    return duplicateFindings(
      nodes(spec),
      (n) => n.hostname,
      (n) => [...n.path, 'hostname'],
      // The others share the hostname, so they are named by position.
      (n) => `node #${n.index + 1}`,
      (n, others) => `Hostname ${n.hostname} is also used by ${others}: each node needs its own hostname.`,
    );
  },
};
