// Test helpers for the rules: run one rule on inline YAML the way validate() does (ranges resolved by
// the YamlFile), and apply a fix's edits to the text so a test can compare the resulting YAML.
import type { Finding, Range, TextEdit } from '../../server/src/engine/findings';
import type { Rule, RuleContext } from '../../server/src/engine/rules/rule';
import { defaultSettings, type EngineSettings } from '../../server/src/engine/settings';
import type { CredentialsIndex } from '../../server/src/engine/workspaceIndex';
import { YamlFile } from '../../server/src/engine/yamlFile';

export interface RunOptions {
  settings?: Partial<EngineSettings>;
  credentials?: CredentialsIndex;
  /** Which MKS document of the text to check (default: the first). */
  spec?: number;
}

export function run(rule: Rule, text: string, options: RunOptions = {}): Finding[] {
  const file = new YamlFile('file:///test.yaml', text);
  const document = file.specs[options.spec ?? 0];
  if (!document) throw new Error('test text holds no MKS spec');
  if (document.kind !== rule.appliesTo) throw new Error(`rule ${rule.id} applies to ${rule.appliesTo}, not ${document.kind}`);
  const context: RuleContext = {
    file,
    document,
    settings: { ...defaultSettings, ...options.settings },
    credentials: options.credentials,
    range: (path, target) => file.rangeAt(document, path, target),
  };
  return rule.check(document.value as Record<string, unknown>, context).map((f) => ({
    code: rule.id,
    severity: f.severity ?? rule.defaultSeverity,
    message: f.message,
    range: f.range ?? context.range(f.path, f.target),
    ...(f.fixes ? { fixes: f.fixes } : {}),
  }));
}

/** A 0-based range, written like the editor shows it minus one: `range(3, 4, 3, 12)`. */
export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The text with the edits applied (edits must not overlap, as in LSP). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  return out;
}

/** Applies the n-th fix of a finding. */
export function applyFix(text: string, finding: Finding, n = 0): string {
  const fix = finding.fixes?.[n];
  if (!fix) throw new Error(`finding "${finding.message}" has no fix #${n}`);
  return applyEdits(text, fix.edits);
}

/** A compact view for assertions: severity, range and message. */
export const brief = (f: Finding) => ({ severity: f.severity, range: f.range, message: f.message });

/** YAML lines joined with newlines (keeps the indentation of inline specs visible in tests). */
export const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** The head of a Cluster spec; tests append `config:` content at 2 spaces under `spec:`. */
export const clusterHead = [
  'apiVersion: infra.k8smgmt.io/v3',
  'kind: Cluster',
  'metadata: {name: demo, project: demo}',
  'spec:',
  '  type: mks',
];
