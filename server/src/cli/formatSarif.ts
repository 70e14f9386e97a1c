// SARIF 2.1.0 for code scanning (e.g. GitHub): one run, the engine's rules as the driver's rules,
// each with its help text; one result per finding with a 1-based region (end column exclusive, as SARIF wants).
import { pathToFileURL } from 'node:url';
import type { Log, Region, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../engine/findings';
import { describeCode, findingCodes, type FindingCode } from './findingCodes';
import { ruleHelp } from './ruleHelp';
import { toolHomepage, toolName, toolVersion } from './toolInfo';
import type { FileReport } from './validateFiles';

const SRCROOT = '%SRCROOT%';

const levels: Record<Severity, NonNullable<Result['level']>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(reports: readonly FileReport[], cwd: string): string {
  const descriptors = ruleDescriptors(reports);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results = reports.flatMap((report) =>
    report.findings.map((f): Result => ({
      ruleId: f.code,
      ruleIndex: index.get(f.code),
      level: levels[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(report.path), uriBaseId: SRCROOT }, region: region(f) } }],
    })),
  );
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: toolName, version: toolVersion, ...(toolHomepage ? { informationUri: toolHomepage } : {}), rules: descriptors },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Every code the engine knows, then any other code the findings carry, in a stable order. */
function ruleDescriptors(reports: readonly FileReport[]): ReportingDescriptor[] {
  const known = new Set(findingCodes.map((c) => c.id));
  const others = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.code)))].filter((id) => !known.has(id)).sort();
  return [...findingCodes, ...others.map(describeCode)].map(
    (code: FindingCode): ReportingDescriptor => ({
      id: code.id,
      shortDescription: { text: code.description },
      // Code scanning shows `help` beside each result: what the rule checks and how to change its level.
      help: ruleHelp(code),
      ...(code.defaultSeverity ? { defaultConfiguration: { level: levels[code.defaultSeverity] } } : {}),
    }),
  );
}

function region(finding: Finding): Region {
  const { start, end } = finding.range;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** A relative URI reference: each path segment percent-encoded, `/` kept. */
function relativeUri(displayPath: string): string {
  return displayPath.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(directory: string): string {
  const uri = pathToFileURL(directory).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
