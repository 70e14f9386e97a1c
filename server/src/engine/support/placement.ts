// What systemComponentsPlacement selects, shared by the placement rules.
import type { Path } from '../yamlFile';
import { config, nodes, record, stringMap, tolerations, type Dict, type NodeView, type Toleration } from './clusterView';
import { selectorMatcher } from './scheduling';

export const placementPath = ['spec', 'systemComponentsPlacement'] as const;
/** Where people also write it (the seed page's flattened example): schema/misplaced-key reports it there, and the placement rules still read it. */
const misplacedPlacementPath = ['spec', 'config', 'systemComponentsPlacement'] as const;

/** The placement block and where it is written: `spec`, else (misplaced) `spec.config`. */
export function placementLocation(spec: Dict): { value: Dict; path: Path } | undefined {
  const own = record(record(spec.spec)?.systemComponentsPlacement);
  if (own) return { value: own, path: placementPath };
  const misplaced = record(config(spec).systemComponentsPlacement);
  return misplaced ? { value: misplaced, path: misplacedPlacementPath } : undefined;
}

export interface Placement {
  value: Dict;
  /** Where the block is written (`spec.systemComponentsPlacement`, or the misplaced `spec.config.…`). */
  path: Path;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  daemonSetOverride: Dict | undefined;
}

/** The placement block when it has a non-empty nodeSelector (without one, nothing is pinned anywhere). */
export function placementOf(spec: Dict): Placement | undefined {
  const location = placementLocation(spec);
  if (!location) return undefined;
  const { value, path } = location;
  const nodeSelector = stringMap(value.nodeSelector);
  if (Object.keys(nodeSelector).length === 0) return undefined;
  return {
    value,
    path,
    nodeSelector,
    tolerations: tolerations(value.tolerations),
    daemonSetOverride: record(value.daemonSetOverride),
  };
}

export function selectedNodes(spec: Dict, placement: Placement): NodeView[] {
  return nodes(spec).filter(selectorMatcher(placement.nodeSelector));
}
