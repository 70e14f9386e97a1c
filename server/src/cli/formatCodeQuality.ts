// GitLab code quality report (artifacts:reports:codequality): a JSON array of issues, each with the finding's
// message, its code as check_name, a GitLab severity, the path relative to the working directory (which in a
// GitLab job is the repository root) and the 1-based begin line. The fingerprint identifies an issue across
// pipelines: path, code, message and the issue's rank among identical ones, not its line, so an edit above it
// does not turn it into a "new" issue.
import { createHash } from 'node:crypto';
import type { Severity } from '../engine/findings';
import type { FileReport } from './validateFiles';

type GitLabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const severities: Record<Severity, GitLabSeverity> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitLabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

export function formatCodeQuality(reports: readonly FileReport[]): string {
  const issues: CodeQualityIssue[] = [];
  for (const report of reports) {
    const seen = new Map<string, number>();
    for (const f of report.findings) {
      const key = JSON.stringify([report.path, f.code, f.message]);
      const rank = seen.get(key) ?? 0;
      seen.set(key, rank + 1);
      issues.push({
        description: f.message,
        check_name: f.code,
        fingerprint: createHash('sha256').update(`${key}#${rank}`).digest('hex'),
        severity: severities[f.severity],
        location: { path: report.path, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
