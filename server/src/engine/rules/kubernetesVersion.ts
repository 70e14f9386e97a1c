// The controller supports four Kubernetes minors at a time (reference §3.8); the window moves, so it is
// a setting (mksGitops.kubernetesVersions) and a version outside it is a warning, not an error.
import { config, text } from '../support/clusterView';
import type { Rule } from './rule';

/** `v1.33.4`, `1.33` → `v1.33`; undefined for anything else (the schema reports the pattern). */
export function minorOf(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return m ? `v${Number(m[1])}.${Number(m[2])}` : undefined;
}

export const kubernetesVersion: Rule = {
  id: 'kubernetes-version',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'kubernetesVersion is in the supported window (setting mksGitops.kubernetesVersions).',
  check(spec, context) {
    const version = text(config(spec).kubernetesVersion);
    const minor = version === undefined ? undefined : minorOf(version);
    if (!version || !minor) return [];
    const supported = context.settings.kubernetesVersions.map((v) => minorOf(v)).filter((v): v is string => v !== undefined);
    if (supported.includes(minor)) return [];
    return [
      {
        path: ['spec', 'config', 'kubernetesVersion'],
        message: `${version} is outside the supported window ${windowText(supported)} (setting mksGitops.kubernetesVersions).`,
      },
    ];
  },
};

/** `v1.33–v1.36` for a contiguous window, else the list itself. */
function windowText(minors: string[]): string {
  if (minors.length === 0) return '(empty)';
  const sorted = [...new Set(minors)].map((v) => v.slice(1).split('.').map(Number)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const contiguous = sorted.every((v, i) => i === 0 || (v[0] === sorted[i - 1][0] && v[1] === sorted[i - 1][1] + 1));
  const names = sorted.map((v) => `v${v[0]}.${v[1]}`);
  return contiguous && names.length > 1 ? `${names[0]}–${names[names.length - 1]}` : names.join(', ');
}
