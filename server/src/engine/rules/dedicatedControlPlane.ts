// dedicatedControlPlane keeps user workloads off the control plane: control-plane nodes carry no Worker
// role, and some other node must be a worker (reference §5.7, inferred: a warning).
import { config, isControlPlane, isWorker, nodeName, nodes } from '../support/clusterView';
import type { Rule, RuleFinding } from './rule';
import { rolesEdit } from '../support/yamlEdits';

export const dedicatedControlPlane: Rule = {
  id: 'dedicated-control-plane',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'With dedicatedControlPlane, control-plane nodes have no Worker role and at least one worker node exists.',
  check(spec, context) {
    if (config(spec).dedicatedControlPlane !== true) return [];
    const all = nodes(spec);
    const findings: RuleFinding[] = all
      .filter((n) => isControlPlane(n) && isWorker(n))
      .map((n) => {
        const edit = rolesEdit(context, n, n.roles.filter((r) => r !== 'Worker'));
        return {
          path: [...n.path, 'roles'],
          message: `${nodeName(n)} is a control-plane node but also has the Worker role, which dedicatedControlPlane does not allow: remove Worker from its roles.`,
          ...(edit ? { fixes: [{ title: `Remove Worker from the roles of ${nodeName(n)}`, edits: [edit], preferred: true }] } : {}),
        };
      });
    if (all.length > 0 && !all.some((n) => isWorker(n) && !isControlPlane(n))) {
      findings.push({
        path: ['spec', 'config', 'dedicatedControlPlane'],
        message: 'dedicatedControlPlane is on but no node is a worker outside the control plane: add a node with roles: [Worker], or turn dedicatedControlPlane off.',
      });
    }
    return findings;
  },
};
