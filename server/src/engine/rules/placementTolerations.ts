// The nodes systemComponentsPlacement selects must be usable: each of their taints needs a matching
// toleration in systemComponentsPlacement.tolerations (reference §5.19, inferred: a warning). With
// daemonSetOverride.nodeSelectionEnabled, Rafay's daemonsets go to the same nodes with those tolerations
// plus daemonSetOverride.tolerations, so a taint the placement tolerations miss keeps the components
// away and, unless the daemonset list covers it, the daemonsets too: one finding says both, and one
// fix (adding the toleration to the placement list) cures both.
import type { Fix } from '../findings';
import type { Path } from '../yamlFile';
import { nameList, nodeName, tolerations, type NodeView, type Taint } from '../support/clusterView';
import { placementOf, selectedNodes } from '../support/placement';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { taintEffects, taintText, tolerates, tolerationFor } from '../support/scheduling';
import { appendToSequence } from '../support/yamlEdits';

interface Missing {
  taint: Taint;
  nodes: NodeView[];
  daemonSetsToo: boolean;
}

export const placementTolerations: Rule = {
  id: 'placement-tolerations',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'Every taint of the nodes systemComponentsPlacement selects is tolerated by its tolerations (and daemonSetOverride).',
  check(spec, context) {
    const placement = placementOf(spec);
    if (!placement) return [];
    const override = placement.daemonSetOverride;
    const daemonSetTolerations =
      override?.nodeSelectionEnabled === true ? [...placement.tolerations, ...tolerations(override.tolerations)] : undefined;

    const missing = new Map<string, Missing>();
    for (const node of selectedNodes(spec, placement)) {
      for (const taint of node.taints) {
        if (!taintEffects.some((e) => e === taint.effect) || !taint.key) continue;
        if (placement.tolerations.some((t) => tolerates(t, taint))) continue;
        const id = taintText(taint);
        const entry = missing.get(id);
        if (entry) entry.nodes.push(node);
        else {
          const daemonSetsToo = daemonSetTolerations !== undefined && !daemonSetTolerations.some((t) => tolerates(t, taint));
          missing.set(id, { taint, nodes: [node], daemonSetsToo });
        }
      }
    }
    if (missing.size === 0) return [];

    const all = [...missing.values()];
    const where = 'tolerations' in placement.value ? 'tolerations' : 'nodeSelector';
    const addAll = all.length > 1 ? fix(context, placement.path, `Add all ${all.length} missing tolerations`, all.map((m) => m.taint), true) : undefined;
    return all.map((m): RuleFinding => {
      const single = fix(context, placement.path, `Add toleration for ${taintText(m.taint)}`, [m.taint], all.length === 1);
      const fixes = [single, addAll].filter((f): f is Fix => f !== undefined);
      return {
        path: [...placement.path, where],
        target: 'key',
        severity: m.taint.effect === 'PreferNoSchedule' ? 'info' : undefined,
        message: message(m),
        ...(fixes.length ? { fixes } : {}),
      };
    });
  },
};

function message({ taint, nodes, daemonSetsToo }: Missing): string {
  const who = daemonSetsToo ? "Rafay's system components and daemonsets" : "Rafay's system components";
  const on = `${nameList(nodes.map(nodeName))} (selected by nodeSelector)`;
  const consequence =
    taint.effect === 'PreferNoSchedule'
      ? `${who} will avoid ${nodes.length > 1 ? 'these nodes' : 'it'} where they can`
      : `${who} cannot run there`;
  return `Taint ${taintText(taint)} on ${on} is not tolerated by systemComponentsPlacement.tolerations: ${consequence}. Add a matching toleration.`;
}

function fix(context: RuleContext, at: Path, title: string, taints: Taint[], preferred: boolean): Fix | undefined {
  const edit = appendToSequence(context, [...at, 'tolerations'], taints.map(tolerationFor));
  return edit && { title, edits: [edit], ...(preferred ? { preferred } : {}) };
}
