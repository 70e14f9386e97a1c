// The control-plane count must fit highAvailability: HA needs at least three (an odd number keeps the
// etcd quorum), a non-HA cluster has exactly one (reference §5.6).
import { config, isControlPlane, nameList, nodeName, nodes } from '../support/clusterView';
import type { Rule, RuleFinding } from './rule';
import { addScalar, replaceValue } from '../support/yamlEdits';

export const haControlPlaneCount: Rule = {
  id: 'ha-control-plane-count',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'highAvailability needs at least 3 control-plane nodes (odd count advised); without it, exactly one.',
  check(spec, context) {
    const controlPlanes = nodes(spec).filter(isControlPlane);
    const count = controlPlanes.length;
    if (count === 0) return []; // control-plane-required reports that.
    const ha = config(spec).highAvailability;
    const haPath = ['spec', 'config', 'highAvailability'];
    const findings: RuleFinding[] = [];
    if (ha === true && count < 3) {
      findings.push({
        path: haPath,
        message: `highAvailability needs at least 3 control-plane nodes, but there ${count === 1 ? 'is 1' : `are ${count}`} (${nameList(controlPlanes.map(nodeName))}). Add control-plane nodes or set highAvailability: false.`,
      });
    } else if (ha === true && count % 2 === 0) {
      findings.push({
        path: haPath,
        severity: 'info',
        message: `${count} control-plane nodes: an odd number (${count - 1} or ${count + 1}) is advised, since etcd needs a majority and an even count adds no fault tolerance.`,
      });
    } else if (ha !== true && count > 1) {
      // Turning HA on is a fix only where HA then holds (three or more control planes).
      const edit = count < 3 ? undefined : ha === undefined ? addScalar(context, ['spec', 'config'], 'highAvailability', true) : replaceValue(context, haPath, 'true');
      findings.push({
        path: ha === undefined ? ['spec', 'config', 'nodes'] : haPath,
        target: ha === undefined ? 'key' : 'value',
        severity: 'warning',
        message: `${count} control-plane nodes (${nameList(controlPlanes.map(nodeName))}) but highAvailability is off: set highAvailability: true, or keep a single control-plane node.`,
        ...(edit ? { fixes: [{ title: 'Set highAvailability: true', edits: [edit], preferred: true }] } : {}),
      });
    }
    return findings;
  },
};
