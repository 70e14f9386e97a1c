// The engine's entry point: one parsed file in, findings out (syntax, schema, cross-field rules),
// with the user's severities applied. Free of LSP and VS Code so the CLI and the tests call it directly.
import type { Finding, Range, Severity } from './findings';
import { legacyFormatFinding } from './migrate/legacyFormat';
import { rules } from './rules';
import { MKS_API_GROUP } from './specFiles';
import type { Rule, RuleContext } from './rules/rule';
import { validateAgainstSchema } from './schema/schemaValidation';
import { defaultSettings, type EngineSettings } from './settings';
import type { CredentialsIndex } from './workspaceIndex';
import { documentRange, hasSyntaxErrors, isRecord, type YamlDocument, type YamlFile } from './yamlFile';

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
/** The YAML parsed but its value could not be read (alias bomb, broken alias, depth): nothing in it was checked. */
export const UNREADABLE = 'yaml-unreadable';
/** The engine itself failed on a document (a bug): said on the document, never a silent pass. */
export const INTERNAL_ERROR = 'internal-error';

/** Whether validate() checks this document's schema and rules: an MKS spec whose value was read. */
export function isValidated(document: YamlDocument): boolean {
  return document.kind !== undefined && !hasSyntaxErrors(document) && isRecord(document.value);
}

export function validate(file: YamlFile, options: ValidateOptions = {}): Finding[] {
  const settings = options.settings ?? defaultSettings;
  const findings: Finding[] = [];
  // A file that was not parsed at all: its text decides (a Blueprint or a Deployment nested too deep is left alone).
  if (file.failure !== undefined && (options.syntaxErrorsEverywhere || (MKS_TEXT.test(file.text) && MKS_KIND_TEXT.test(file.text)))) {
    findings.push({ code: UNREADABLE, severity: 'error', message: `The YAML parser gave up on this file (${firstLine(file.failure)}): nothing in it was checked.`, range: file.range(0, 0) });
  }
  for (const document of file.documents) {
    try {
      findings.push(...validateDocument(file, document, settings, options));
    } catch (error) {
      findings.push(internalError(file, document, 'validation', error));
    }
  }
  return applySeverities(findings, settings).sort(byPosition);
}

function validateDocument(file: YamlFile, document: YamlDocument, settings: EngineSettings, options: ValidateOptions): Finding[] {
  const claimed = () => document.kind !== undefined || options.syntaxErrorsEverywhere === true || looksLikeMks(file, document);
  if (hasSyntaxErrors(document)) return claimed() ? syntaxFindings(file, document) : [];
  if (document.unreadable !== undefined) {
    if (!claimed()) return [];
    return [
      {
        code: UNREADABLE,
        severity: 'error',
        message: `This document cannot be read (${firstLine(document.unreadable)}): nothing in it was checked.`,
        range: documentStart(file, document),
      },
    ];
  }
  if (document.legacyFormat) return [legacyFormatFinding(file, document)];
  if (!isValidated(document)) return [];
  const spec = document.value as Record<string, unknown>;
  let schemaFindings: Finding[];
  try {
    schemaFindings = validateAgainstSchema(file, document);
  } catch (error) {
    schemaFindings = [internalError(file, document, 'the schema check', error)];
  }
  return [...schemaFindings, ...runRules(file, document, spec, settings, options.credentials)];
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
      range: f.range ?? context.range(f.path, f.target),
      ...(f.fixes?.length ? { fixes: f.fixes } : {}),
    }));
  } catch (error) {
    // A rule bug must never take the whole validation down, nor pass quietly: an error on the document.
    return [internalError(context.file, context.document, `rule ${rule.id}`, error)];
  }
}

function internalError(file: YamlFile, document: YamlDocument, what: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR,
    severity: 'error',
    message: `Internal error in ${what}: ${firstLine(reason)}. This document was not fully checked; please report it.`,
    range: documentStart(file, document),
  };
}

/** The first line of the document (an empty range at its start), where document-wide findings go. */
function documentStart(file: YamlFile, document: YamlDocument): Range {
  const start = documentRange(document)?.[0] ?? 0;
  const lineEnd = file.text.indexOf('\n', start);
  return file.range(start, lineEnd < 0 ? file.text.length : lineEnd);
}

const firstLine = (message: string) => message.split('\n')[0].trim();

function syntaxFindings(file: YamlFile, document: YamlDocument): Finding[] {
  return document.doc.errors.map((error) => ({
    code: SYNTAX_ERROR,
    severity: 'error' as Severity,
    message: `YAML syntax error: ${error.message.split('\n')[0]}`,
    range: file.range(error.pos[0], Math.max(error.pos[1], error.pos[0])),
  }));
}

/** A top-level `apiVersion: infra.k8smgmt.io/…` line: the text claims to be a Rafay spec. */
const MKS_TEXT = /^apiVersion:[ \t]*["']?infra\.k8smgmt\.io\//m;
/** A top-level `kind: Cluster` or `kind: Credentials` line: with MKS_TEXT, the text claims to hold an MKS spec. */
const MKS_KIND_TEXT = /^kind:[ \t]*["']?(?:Cluster|Credentials)["']?[ \t]*(?:#.*)?$/m;

/**
 * A broken or unreadable document that still says it is an MKS spec is worth its errors: the MKS API group (in
 * what was parsed, or in its own text when the parse got nowhere), and, where they can be read, kind Cluster
 * or Credentials of type/provider mks. Any other YAML (a Deployment, a Rafay Blueprint, an EKS cluster) is left alone.
 */
function looksLikeMks(file: YamlFile, document: YamlDocument): boolean {
  const read = (path: string[]) => {
    try {
      const value = document.doc.getIn(path);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const apiVersion = read(['apiVersion']);
  if (apiVersion === undefined) {
    const [start, , end] = document.doc.range ?? [0, 0, file.text.length];
    // The 2021 rctl format has no apiVersion (reference §3.5): kind Cluster of type mks is ours too.
    if (!MKS_TEXT.test(file.text.slice(start, end))) return read(['kind']) === 'Cluster' && read(['spec', 'type']) === 'mks';
  } else if (!apiVersion.startsWith(MKS_API_GROUP)) return false;
  const kind = read(['kind']);
  if (kind === undefined) return true;
  if (kind === 'Cluster') return (read(['spec', 'type']) ?? 'mks') === 'mks';
  if (kind === 'Credentials') return (read(['spec', 'provider']) ?? 'mks') === 'mks';
  return false;
}

/** What says a document was not (fully) checked is always an error: no setting turns it into a pass. */
const UNCONFIGURABLE = new Set([SYNTAX_ERROR, UNREADABLE, INTERNAL_ERROR]);

function applySeverities(findings: Finding[], settings: EngineSettings): Finding[] {
  return findings.flatMap((f) => {
    if (UNCONFIGURABLE.has(f.code)) return [f];
    const level = settings.severity[f.code];
    if (level === 'off') return [];
    return level ? [{ ...f, severity: level }] : [f];
  });
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
