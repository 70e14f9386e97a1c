// systemComponentsPlacement.nodeSelector must match at least one node, or Rafay's system components
// have nowhere to run (reference §5.19, inferred: a warning).
import { nodes } from '../support/clusterView';
import { placementOf, selectedNodes } from '../support/placement';
import type { Rule } from './rule';

export const placementNodeSelector: Rule = {
  id: 'placement-node-selector',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'systemComponentsPlacement.nodeSelector matches the labels of at least one node.',
  check(spec) {
    const placement = placementOf(spec);
    if (!placement || nodes(spec).length === 0 || selectedNodes(spec, placement).length > 0) return [];
    const selector = Object.entries(placement.nodeSelector)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return [
      {
        path: [...placement.path, 'nodeSelector'],
        target: 'key',
        message: `No node has all the labels of nodeSelector (${selector}), so Rafay's system components cannot be scheduled: add these labels to at least one node or change the selector.`,
      },
    ];
  },
};
