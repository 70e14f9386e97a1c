// What systemComponentsPlacement selects, shared by the placement rules.
import { nodes, record, stringMap, tolerations, type Dict, type NodeView, type Toleration } from './clusterView';
import { selectorMatches } from './scheduling';

export const placementPath = ['spec', 'systemComponentsPlacement'] as const;

export interface Placement {
  value: Dict;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  daemonSetOverride: Dict | undefined;
}

/** The placement block when it has a non-empty nodeSelector (without one, nothing is pinned anywhere). */
export function placementOf(spec: Dict): Placement | undefined {
  const value = record(record(spec.spec)?.systemComponentsPlacement);
  if (!value) return undefined;
  const nodeSelector = stringMap(value.nodeSelector);
  if (Object.keys(nodeSelector).length === 0) return undefined;
  return {
    value,
    nodeSelector,
    tolerations: tolerations(value.tolerations),
    daemonSetOverride: record(value.daemonSetOverride),
  };
}

export function selectedNodes(spec: Dict, placement: Placement): NodeView[] {
  return nodes(spec).filter((n) => selectorMatches(placement.nodeSelector, n));
}
