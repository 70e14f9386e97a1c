// Legacy and non-v3 spellings (reference §3.7, table in ../legacyNameTable.ts): keys such as `privateip`,
// the role `Master`, and `blueprint: default` as a plain string. Each gets the canonical name and a fix.
import { legacyKeys, legacyRoles } from '../legacyNameTable';
import type { Path } from '../yamlFile';
import { list, nodes, record, type Dict } from '../support/clusterView';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { renameKey, replaceValue, yamlScalar } from '../support/yamlEdits';

export const legacyNames: Rule = {
  id: 'legacy-names',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'Legacy keys and values (privateip, Master, dedicatedMastersEnabled, k8sVersion, blueprintConfig, proxyConfig, blueprint as a string) use their v3 names.',
  check(spec, context) {
    return [...legacyKeyFindings(spec, context), ...legacyRoleFindings(spec, context), ...blueprintFindings(spec, context)];
  },
};

function legacyKeyFindings(spec: Dict, context: RuleContext): RuleFinding[] {
  return legacyKeys.flatMap(({ parent, legacy, canonical }) =>
    mapsAt(spec, parent).flatMap(({ path, map }): RuleFinding[] => {
      if (!(legacy in map)) return [];
      const at = [...path, legacy];
      if (canonical in map) {
        return [{ path: at, target: 'key', message: `${legacy} is the old name of ${canonical}, which is also set here: remove ${legacy}.` }];
      }
      return [
        {
          path: at,
          target: 'key',
          message: `${legacy} is not the MKS v3 name: use ${canonical}.`,
          fixes: [{ title: `Rename ${legacy} to ${canonical}`, edits: [renameKey(context, at, canonical)], preferred: true }],
        },
      ];
    }),
  );
}

function legacyRoleFindings(spec: Dict, context: RuleContext): RuleFinding[] {
  return nodes(spec).flatMap((node) =>
    list(node.value.roles).flatMap((role, i): RuleFinding[] => {
      const canonical = typeof role === 'string' ? legacyRoles[role] : undefined;
      if (!canonical) return [];
      const at = [...node.path, 'roles', i];
      return [
        {
          path: at,
          message: `Role ${role} is a legacy name: use ${canonical}.`,
          fixes: [{ title: `Rename ${role} to ${canonical}`, edits: [replaceValue(context, at, canonical)], preferred: true }],
        },
      ];
    }),
  );
}

function blueprintFindings(spec: Dict, context: RuleContext): RuleFinding[] {
  const blueprint = record(spec.spec)?.blueprint;
  if (typeof blueprint !== 'string') return [];
  const at = ['spec', 'blueprint'];
  const replacement = `{name: ${yamlScalar(blueprint, true)}}`;
  return [
    {
      path: at,
      message: `blueprint as a plain string is the legacy form: write blueprint: ${replacement}.`,
      fixes: [{ title: `Change to blueprint: ${replacement}`, edits: [replaceValue(context, at, replacement)], preferred: true }],
    },
  ];
}

/** The maps at a path pattern whose `*` segments stand for every index of a sequence. */
function mapsAt(value: unknown, pattern: readonly string[], path: Path = []): { path: Path; map: Dict }[] {
  if (pattern.length === 0) {
    const map = record(value);
    return map ? [{ path, map }] : [];
  }
  const [head, ...rest] = pattern;
  if (head === '*') return list(value).flatMap((item, i) => mapsAt(item, rest, [...path, i]));
  return mapsAt(record(value)?.[head], rest, [...path, head]);
}
