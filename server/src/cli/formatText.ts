// Compiler-style text: one `file:line:col severity code message` line per finding (1-based), then a summary.
import { countFindings, type FileReport } from './validateFiles';

export function formatText(reports: readonly FileReport[]): string {
  const lines = reports.flatMap((report) =>
    report.findings.map((f) => {
      const { line, character } = f.range.start;
      // A message is one line of output, whatever the rule wrote.
      return `${report.path}:${line + 1}:${character + 1} ${f.severity} ${f.code} ${f.message.replace(/\s*\n\s*/g, ' ')}`;
    }),
  );
  return [...lines, summaryLine(reports)].join('\n') + '\n';
}

/** "2 errors, 1 warning in 3 files"; notes (info, hint) are counted only when there are some. */
function summaryLine(reports: readonly FileReport[]): string {
  const counts = countFindings(reports);
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  const notes = counts.info + counts.hint;
  if (notes > 0) parts.push(plural(notes, 'note'));
  return `${parts.join(', ')} in ${plural(reports.length, 'file')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
