// The engine's entry point: one parsed file in, findings out (syntax, schema, cross-field rules),
// with the user's severities applied. Free of LSP and VS Code so the CLI and the tests call it directly.
import type { Finding, Severity } from './findings';
import { legacyFormatFinding } from './migrate/legacyFormat';
import { rules } from './rules';
import { MKS_API_GROUP } from './specFiles';
import type { Rule, RuleContext } from './rules/rule';
import { validateAgainstSchema } from './schema/schemaValidation';
import { defaultSettings, type EngineSettings } from './settings';
import type { CredentialsIndex } from './workspaceIndex';
import { isRecord, type YamlDocument, type YamlFile } from './yamlFile';

export interface ValidateOptions {
  settings?: EngineSettings;
  credentials?: CredentialsIndex;
  /**
   * Syntax errors are reported for MKS documents only by default (other YAML is left alone);
   * the CLI reports them for every document of the files it was asked to check.
   */
  syntaxErrorsEverywhere?: boolean;
}

export const SYNTAX_ERROR = 'yaml-syntax';

export function validate(file: YamlFile, options: ValidateOptions = {}): Finding[] {
  const settings = options.settings ?? defaultSettings;
  const findings: Finding[] = [];
  for (const document of file.documents) {
    const broken = document.doc.errors.length > 0;
    if (broken && (document.kind || options.syntaxErrorsEverywhere || looksLikeMks(document))) {
      findings.push(...syntaxFindings(file, document));
    }
    if (document.legacyFormat && !broken) findings.push(legacyFormatFinding(file, document));
    if (!document.kind || broken || !isRecord(document.value)) continue;
    findings.push(...validateAgainstSchema(file, document));
    findings.push(...runRules(file, document, document.value, settings, options.credentials));
  }
  return applySeverities(findings, settings).sort(byPosition);
}

function runRules(
  file: YamlFile,
  document: YamlDocument,
  spec: Record<string, unknown>,
  settings: EngineSettings,
  credentials: CredentialsIndex | undefined,
): Finding[] {
  const context: RuleContext = {
    file,
    document,
    settings,
    credentials,
    range: (path, target) => file.rangeAt(document, path, target),
  };
  return rules
    .filter((rule) => rule.appliesTo === document.kind && settings.severity[rule.id] !== 'off')
    .flatMap((rule) => checkSafely(rule, spec, context));
}

function checkSafely(rule: Rule, spec: Record<string, unknown>, context: RuleContext): Finding[] {
  try {
    return rule.check(spec, context).map((f) => ({
      code: rule.id,
      severity: f.severity ?? rule.defaultSeverity,
      message: f.message,
      range: context.range(f.path, f.target),
      ...(f.fixes?.length ? { fixes: f.fixes } : {}),
    }));
  } catch (error) {
    // A rule bug must never take the whole validation down: say so on the document instead.
    return [
      {
        code: rule.id,
        severity: 'warning',
        message: `Internal error in rule ${rule.id}: ${(error as Error).message}`,
        range: context.range([]),
      },
    ];
  }
}

function syntaxFindings(file: YamlFile, document: YamlDocument): Finding[] {
  return document.doc.errors.map((error) => ({
    code: SYNTAX_ERROR,
    severity: 'error' as Severity,
    message: `YAML syntax error: ${error.message.split('\n')[0]}`,
    range: file.range(error.pos[0], Math.max(error.pos[1], error.pos[0])),
  }));
}

/** A broken document that still names the MKS API group is worth its syntax errors. */
function looksLikeMks(document: YamlDocument): boolean {
  const apiVersion = document.doc.get('apiVersion');
  if (typeof apiVersion === 'string' && apiVersion.startsWith(MKS_API_GROUP)) return true;
  // The 2021 rctl format has no apiVersion (reference §3.5).
  return apiVersion === undefined && document.doc.get('kind') === 'Cluster' && document.doc.getIn(['spec', 'type']) === 'mks';
}

function applySeverities(findings: Finding[], settings: EngineSettings): Finding[] {
  return findings.flatMap((f) => {
    const level = settings.severity[f.code];
    if (level === 'off') return [];
    return level ? [{ ...f, severity: level }] : [f];
  });
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
