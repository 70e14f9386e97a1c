// Kubernetes scheduling semantics the placement rules need: node selectors against node labels, and
// tolerations against taints (the same logic as k8s.io/api core/v1 Toleration.ToleratesTaint).
import type { NodeView, Taint, Toleration } from './clusterView';

/**
 * Labels Kubernetes puts on every node itself, so a selector may use them without the spec listing them. Read once
 * per node view (the placement rules match every node against each selector; a view never changes).
 */
export function effectiveLabels(node: NodeView): Record<string, string> {
  let labels = labelsOf.get(node);
  if (!labels) {
    labels = readEffectiveLabels(node);
    labelsOf.set(node, labels);
  }
  return labels;
}

const labelsOf = new WeakMap<NodeView, Record<string, string>>();

function readEffectiveLabels(node: NodeView): Record<string, string> {
  const builtIn: Record<string, string> = {};
  if (node.hostname) builtIn['kubernetes.io/hostname'] = node.hostname;
  if (node.arch) builtIn['kubernetes.io/arch'] = node.arch;
  if (node.operatingSystem) builtIn['kubernetes.io/os'] = /^windows/i.test(node.operatingSystem) ? 'windows' : 'linux';
  return { ...builtIn, ...node.labels };
}

/** A node selector matches a node carrying every one of its key/value pairs. */
export function selectorMatches(selector: Record<string, string>, node: NodeView): boolean {
  return selectorMatcher(selector)(node);
}

/** selectorMatches for one selector and many nodes (its pairs read once). */
export function selectorMatcher(selector: Record<string, string>): (node: NodeView) => boolean {
  const pairs = Object.entries(selector);
  return (node) => {
    const labels = effectiveLabels(node);
    return pairs.every(([key, value]) => labels[key] === value);
  };
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
    case '':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** How Kubernetes prints a taint: `key=value:Effect`, or `key:Effect` without a value. */
export function taintText(taint: Taint): string {
  return `${taint.key ?? ''}${taint.value ? `=${taint.value}` : ''}:${taint.effect ?? ''}`;
}

/** The narrowest toleration for a taint: Equal on its value, or Exists when it has none. */
export function tolerationFor(taint: Taint): Record<string, string> {
  const key = taint.key ?? '';
  const effect = taint.effect ?? '';
  return taint.value
    ? { key, operator: 'Equal', value: taint.value, effect }
    : { key, operator: 'Exists', effect };
}
