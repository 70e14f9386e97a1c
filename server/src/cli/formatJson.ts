// JSON for tools. The shape is stable; `version` changes only when it does:
// {
//   "version": 1,
//   "files": [{ "path": "examples/x.yaml",            // relative to the working directory, `/` separators
//               "findings": [{ "code", "severity",    // severity: error | warning | info | hint
//                              "message",
//                              "range",               // LSP range: 0-based line/character, end exclusive
//                              "line", "column" }] }], // 1-based start, as in the text format
//   "summary": { "files", "error", "warning", "info", "hint" }   // counts
// }
// Every checked file is listed, with an empty `findings` when it is clean.
import { countFindings, type FileReport } from './validateFiles';

export const JSON_FORMAT_VERSION = 1;

export function formatJson(reports: readonly FileReport[]): string {
  const output = {
    version: JSON_FORMAT_VERSION,
    files: reports.map((report) => ({
      path: report.path,
      findings: report.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        range: f.range,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
      })),
    })),
    summary: { files: reports.length, ...countFindings(reports) },
  };
  return JSON.stringify(output, null, 2) + '\n';
}
