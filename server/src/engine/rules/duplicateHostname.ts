// Every node needs its own hostname: the installer checks it against the machine, Rafay keys nodes by it, and
// it becomes the node's Kubernetes Node name, which must be unique in the cluster. So a duplicate is an error,
// not advice: the second node cannot register (reference §11 "Duplicates are errors", §5 rule 11).
import { nodes } from '../support/clusterView';
import { duplicateFindings } from '../support/duplicates';
import type { Rule } from './rule';

export const duplicateHostname: Rule = {
  id: 'duplicate-hostname',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
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
