// Every node needs its own privateIP (compared in normalised form, so `fd00::1` equals `fd00:0::1`). Two nodes
// with one privateIP cannot both register (the kubelet reports it as the Node's InternalIP and the installer
// reaches the node there), so a duplicate is an error (reference §11 "Duplicates are errors", §5 rule 11).
import { nodeName, nodes } from '../support/clusterView';
import { duplicateFindings } from '../support/duplicates';
import { parseIp } from '../net';
import type { Rule } from './rule';

export const duplicatePrivateIp: Rule = {
  id: 'duplicate-private-ip',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'No two nodes share a privateIP.',
  check(spec) {
    return duplicateFindings(
      nodes(spec),
      (n) => (n.privateIP === undefined ? undefined : (parseIp(n.privateIP)?.toNormalizedString() ?? n.privateIP.trim())),
      (n) => n.privateIPPath,
      nodeName,
      (n, others) => `privateIP ${n.privateIP} is also used by ${others}: each node needs its own address.`,
    );
  },
};
