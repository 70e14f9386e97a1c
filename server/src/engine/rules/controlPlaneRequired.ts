// A cluster needs a control plane: at least one node with the ControlPlane role.
import { isControlPlane, nodes } from '../support/clusterView';
import type { Rule } from './rule';

export const controlPlaneRequired: Rule = {
  id: 'control-plane-required',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'At least one node has the ControlPlane role.',
  check(spec) {
    const all = nodes(spec);
    // No nodes at all is the schema's finding (nodes needs at least one item), not a second one here.
    if (all.length === 0 || all.some(isControlPlane)) return [];
    return [
      {
        path: ['spec', 'config', 'nodes'],
        target: 'key',
        message: 'No node has the ControlPlane role: give at least one node `roles: [ControlPlane]`.',
      },
    ];
  },
};
