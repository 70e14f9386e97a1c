// SARIF 2.1.0 for code scanning (e.g. GitHub): one run, the engine's rules as the driver's rules,
// one result per finding with a 1-based region (end column exclusive, as SARIF wants).
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../engine/findings';
import { rules } from '../engine/rules';
import { SYNTAX_ERROR } from '../engine/validate';
import { toolHomepage, toolName, toolVersion } from './toolInfo';
import type { FileReport } from './validateFiles';

const SRCROOT = '%SRCROOT%';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Codes that do not come from the rule registry: the syntax check and the schema check. */
function describeOtherCode(code: string): string {
  if (code === SYNTAX_ERROR) return 'The file must be well-formed YAML.';
  if (code.startsWith('schema/')) return `Schema check (${code.slice('schema/'.length)}): the spec must match the MKS JSON Schema.`;
  return code;
}

export function formatSarif(reports: readonly FileReport[], cwd: string): string {
  const descriptors = ruleDescriptors(reports);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results = reports.flatMap((report) =>
    report.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: index.get(f.code),
      level: levels[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(report.path), uriBaseId: SRCROOT }, region: region(f) } }],
    })),
  );
  const sarif = {
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

/** Every registered rule, then any other code the findings carry (syntax, schema), in a stable order. */
function ruleDescriptors(reports: readonly FileReport[]) {
  const registered = rules.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.description },
    defaultConfiguration: { level: levels[rule.defaultSeverity] },
  }));
  const known = new Set(registered.map((r) => r.id));
  const others = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.code)))]
    .filter((code) => !known.has(code))
    .sort()
    .map((code) => ({ id: code, shortDescription: { text: describeOtherCode(code) } }));
  return [...registered, ...others];
}

function region(finding: Finding) {
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
