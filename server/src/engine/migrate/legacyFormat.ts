// The one finding a 2021-format cluster document gets (instead of a cascade of schema errors on keys that are
// not v3's): what it is, that GitOps System Sync needs the v3 extended spec (reference D2, §11), what the
// migration will drop and infer, and the migration itself as the quick fix.
import type { Finding } from '../findings';
import type { YamlDocument, YamlFile } from '../yamlFile';
import { MigrationError, migrateOne, type DocumentMigration } from './migrateFile';

export const LEGACY_FORMAT = 'legacy-format';
const WHAT =
  'This cluster spec is in the 2021 rctl format (kind Cluster, spec.type mks, no apiVersion), which GitOps System Sync ' +
  'cannot use and this extension does not check field by field: System Sync needs the v3 extended spec.';

export const MIGRATE_TITLE = 'Migrate to the v3 extended spec (apiVersion infra.k8smgmt.io/v3)';

export function legacyFormatFinding(file: YamlFile, document: YamlDocument): Finding {
  let migration: DocumentMigration;
  try {
    migration = migrateOne(file, document);
  } catch (error) {
    // The finding stands without its fix: a migration that cannot run must not hide the format (or crash validation).
    const why = error instanceof MigrationError ? error.message : `internal error in the migration: ${(error as Error).message}`;
    return { code: LEGACY_FORMAT, severity: 'error', message: `${WHAT} The quick fix is not offered: ${why}; rewrite it by hand.`, range: file.rangeAt(document, ['kind'], 'key') };
  }
  const dropped = unique(migration.steps.filter((s) => s.action === 'dropped').map((s) => leaf(s.from)));
  const inferred = unique(migration.steps.filter((s) => s.inferred).map((s) => leaf(s.to ?? s.from)));
  const consequences = [
    dropped.length ? `drops ${dropped.join(', ')} (no v3 home)` : '',
    inferred.length ? `infers ${inferred.join(', ')} (check them)` : '',
  ].filter(Boolean);
  return {
    code: LEGACY_FORMAT,
    severity: 'error',
    message:
      `${WHAT} The quick fix (or \`mks-gitops migrate FILE\`) rewrites it as v3${consequences.length ? `; it ${consequences.join(' and ')}` : ''}.`,
    range: file.rangeAt(document, ['kind'], 'key'),
    fixes: [{ title: MIGRATE_TITLE, edits: [migration.edit], preferred: true }],
  };
}

/** `spec.config.nodes[1].ssh.ipAddress` → `nodes[].ssh.ipAddress`, so each kind of key is named once. */
function leaf(path: string): string {
  return path
    .split(' ')[0]
    .replace(/\[(\d+|\*)\]/g, '[]')
    .replace(/^spec\.(config\.)?/, '');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
