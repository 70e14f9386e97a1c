// Kubernetes' own toleration validation (reference §3.6, §5.18): Exists takes no value, an empty key
// needs Exists, tolerationSeconds only with NoExecute. Checked in both toleration lists of the placement.
import type { Path } from '../yamlFile';
import { record, tolerations } from '../support/clusterView';
import { placementLocation } from '../support/placement';
import type { Rule, RuleFinding } from './rule';

export const tolerationSemantics: Rule = {
  id: 'toleration-semantics',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'Tolerations follow Kubernetes rules: Exists has no value, an empty key needs Exists, tolerationSeconds only with NoExecute.',
  check(spec) {
    const location = placementLocation(spec);
    if (!location) return [];
    const { value: placement, path: base } = location;
    return [
      ...checkList(placement.tolerations, [...base, 'tolerations']),
      ...checkList(record(placement.daemonSetOverride)?.tolerations, [...base, 'daemonSetOverride', 'tolerations']),
    ];
  },
};

function checkList(value: unknown, path: Path): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const t of tolerations(value)) {
    const at = [...path, t.index];
    if (t.operator === 'Exists' && t.value) {
      findings.push({
        path: [...at, 'value'],
        message: `operator Exists matches any value, so value "${t.value}" is not allowed: remove it, or use operator: Equal.`,
      });
    }
    if (!t.key && t.operator !== 'Exists') {
      // On the operator; when it is implied (Equal), on the value it would compare, else on the item.
      const where = t.operator !== undefined ? [...at, 'operator'] : t.value !== undefined ? [...at, 'value'] : at;
      findings.push({
        path: where,
        target: t.operator === undefined && t.value !== undefined ? 'key' : 'value',
        message: 'A toleration without a key must use operator: Exists (it then tolerates every taint).',
      });
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      findings.push({
        path: [...at, 'tolerationSeconds'],
        target: 'key',
        message: `tolerationSeconds only applies to effect NoExecute${t.effect ? `, not ${t.effect}` : ''}: remove it, or set effect: NoExecute.`,
      });
    }
  }
  return findings;
}
