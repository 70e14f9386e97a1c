// Every code a finding can carry, described once: the registered rules, the syntax check and the schema check.
// SARIF lists them as the driver's rules; --config accepts severities for these ids only.
import type { Severity } from '../engine/findings';
import { LEGACY_FORMAT } from '../engine/migrate/legacyFormat';
import { rules } from '../engine/rules';
import { SCHEMA_CODES } from '../engine/schema/schemaValidation';
import { INTERNAL_ERROR, SYNTAX_ERROR, UNREADABLE } from '../engine/validate';

export interface FindingCode {
  id: string;
  description: string;
  /** The level a rule reports at unless configured; absent for the schema and syntax checks. */
  defaultSeverity?: Severity;
}

export const findingCodes: readonly FindingCode[] = [
  // One id may be registered once per spec kind (Cluster, Credentials): each id is listed once.
  ...new Map(rules.map((rule) => [rule.id, { id: rule.id, description: rule.description, defaultSeverity: rule.defaultSeverity }])).values(),
  { id: SYNTAX_ERROR, description: 'The file is well-formed YAML.' },
  { id: UNREADABLE, description: 'The YAML can be read within the resource limits (aliases, depth).' },
  { id: INTERNAL_ERROR, description: 'The validator checked the document without failing.' },
  { id: LEGACY_FORMAT, description: 'A cluster spec is the v3 extended spec, not the 2021 rctl format (mks-gitops migrate converts it).', defaultSeverity: 'error' },
  ...Object.values(SCHEMA_CODES).map(schemaCode),
];

/** A code outside the list (a schema keyword without its own code) still gets a plain description. */
export function describeCode(id: string): FindingCode {
  return findingCodes.find((c) => c.id === id) ?? (id.startsWith('schema/') ? schemaCode(id) : { id, description: id });
}

function schemaCode(id: string): FindingCode {
  return { id, description: `The spec matches the MKS JSON Schema (${id.slice('schema/'.length).replace(/-/g, ' ')}).` };
}
