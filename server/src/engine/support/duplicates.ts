// Shared by the duplicate-hostname and duplicate-private-ip rules: groups nodes by a key in one pass
// (a map, so 1,000-node specs stay linear) and flags every member of a group, naming the others.
import { nameList, type NodeView } from './clusterView';
import type { Path } from '../yamlFile';
import type { RuleFinding } from '../rules/rule';

export function duplicateFindings(
  all: readonly NodeView[],
  keyOf: (node: NodeView) => string | undefined,
  pathOf: (node: NodeView) => Path,
  nameOf: (node: NodeView) => string,
  describe: (node: NodeView, others: string) => string,
): RuleFinding[] {
  const groups = new Map<string, NodeView[]>();
  for (const node of all) {
    const key = keyOf(node);
    if (key === undefined || key === '') continue;
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  const findings: RuleFinding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const node of group) {
      const others = group.filter((other) => other !== node).map(nameOf);
      findings.push({ path: pathOf(node), message: describe(node, nameList(others)) });
    }
  }
  return findings;
}
