// SARIF 2.1.0 for code scanning (e.g. GitHub): one run, the engine's rules as the driver's rules,
// one result per finding with a 1-based region (end column exclusive, as SARIF wants).
import { pathToFileURL } from 'node:url';
import type { Log, Region, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../engine/findings';
import { rules } from '../engine/rules';
import { SCHEMA_CODES } from '../engine/schema/schemaValidation';
import { SYNTAX_ERROR } from '../engine/validate';
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

/** Every registered rule, the syntax and schema checks, then any other code the findings carry, in a stable order. */
function ruleDescriptors(reports: readonly FileReport[]): ReportingDescriptor[] {
  // One id may be registered once per spec kind (Cluster, Credentials): SARIF wants each id once.
  const registered = [...new Map(rules.map((rule) => [rule.id, rule])).values()].map(
    (rule): ReportingDescriptor => ({
      id: rule.id,
      shortDescription: { text: rule.description },
      defaultConfiguration: { level: levels[rule.defaultSeverity] },
    }),
  );
  const known = new Set(registered.map((r) => r.id));
  const seen = reports.flatMap((r) => r.findings.map((f) => f.code)).sort();
  const others = [...new Set([SYNTAX_ERROR, ...Object.values(SCHEMA_CODES), ...seen])]
    .filter((code) => !known.has(code))
    .map((code): ReportingDescriptor => ({ id: code, shortDescription: { text: describeOtherCode(code) } }));
  return [...registered, ...others];
}

/** Codes that do not come from the rule registry: the syntax check and the schema check. */
function describeOtherCode(code: string): string {
  if (code === SYNTAX_ERROR) return 'The file is well-formed YAML.';
  if (code.startsWith('schema/')) return `The spec matches the MKS JSON Schema (${code.slice('schema/'.length).replace(/-/g, ' ')}).`;
  return code;
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
