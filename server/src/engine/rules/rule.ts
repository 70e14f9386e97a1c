// The one interface every cross-field rule implements (one rule, one file, one id).
import type { Fix, Range, Severity } from '../findings';
import type { EngineSettings } from '../settings';
import type { CredentialsIndex } from '../workspaceIndex';
import type { Path, SpecKind, YamlDocument, YamlFile } from '../yamlFile';

export interface RuleContext {
  readonly file: YamlFile;
  readonly document: YamlDocument;
  readonly settings: EngineSettings;
  /** Credentials specs known in the workspace; undefined when nothing was indexed (the rule then stays quiet). */
  readonly credentials: CredentialsIndex | undefined;
  /** Range of the key or value at `path` in this document. */
  range(path: Path, target?: 'key' | 'value'): Range;
}

export interface RuleFinding {
  path: Path;
  /** Where the squiggle goes: the key (e.g. a legacy key name) or the value (default). */
  target?: 'key' | 'value';
  /** An exact range (e.g. one part of a string value), when `path` and `target` are too coarse. */
  range?: Range;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. advice that is only info). */
  severity?: Severity;
  fixes?: Fix[];
}

export interface Rule {
  /** Stable id, used as the diagnostic code and in the severity settings. */
  id: string;
  appliesTo: SpecKind;
  defaultSeverity: Severity;
  /** One line, shown in settings and docs. */
  description: string;
  /** `spec` is the document's plain value; it may hold any type anywhere, so read it defensively. */
  check(spec: Record<string, unknown>, context: RuleContext): RuleFinding[];
}
