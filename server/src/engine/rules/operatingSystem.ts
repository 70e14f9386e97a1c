// The exact operatingSystem strings are not confirmed (reference §3.4, §10), so they are an allow-list
// (setting mksGitops.operatingSystems) and anything else is a warning, with a did-you-mean fix.
import { bestMatch } from '../didYouMean';
import { nodeName, nodes } from '../support/clusterView';
import type { Rule, RuleFinding } from './rule';
import { replaceScalar } from '../support/yamlEdits';

export const operatingSystem: Rule = {
  id: 'operating-system',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'Each node operatingSystem is in the known list (setting mksGitops.operatingSystems).',
  check(spec, context) {
    const known = context.settings.operatingSystems;
    const allowed = new Set(known);
    const suggestions = new Map<string, string | undefined>();
    return nodes(spec).flatMap((node): RuleFinding[] => {
      const os = node.operatingSystem;
      if (os === undefined || allowed.has(os)) return [];
      if (!suggestions.has(os)) suggestions.set(os, bestMatch(os, known));
      const suggestion = suggestions.get(os);
      const path = [...node.path, 'operatingSystem'];
      const hint = suggestion ? `Did you mean ${suggestion}? ` : '';
      return [
        {
          path,
          message: `${nodeName(node)}: operatingSystem ${os} is not a known value. ${hint}Known: ${known.join(', ')} (setting mksGitops.operatingSystems).`,
          ...(suggestion
            ? { fixes: [{ title: `Change to ${suggestion}`, edits: [replaceScalar(context, path, suggestion)], preferred: true }] }
            : {}),
        },
      ];
    });
  },
};
