// A file's 2021-format cluster documents → the v3 extended spec, the rest of the file byte for byte as it was.
// Each migrated document opens with a comment block that lists what was dropped and what was inferred, so the
// report stays with the file (the CLI prints it too; the quick fix writes the same text).
import { isMap, type Document } from 'yaml';
import type { Range, TextEdit } from '../findings';
import type { YamlDocument, YamlFile } from '../yamlFile';
import { migrateDocument, type MigrationStep } from './migrateDocument';

export interface DocumentMigration {
  /** Index of the document in the file (0-based). */
  index: number;
  steps: MigrationStep[];
  /** The edit that replaces the document's text with its v3 form. */
  edit: TextEdit;
}

export interface FileMigration {
  /** The whole file after the migration. */
  text: string;
  documents: DocumentMigration[];
}

/** The migration could not produce a valid YAML text for a document (nothing is written then). */
export class MigrationError extends Error {}

/** Throws MigrationError when a document cannot be rewritten. */
export function migrateFile(file: YamlFile): FileMigration {
  const documents = file.documents.filter((d) => d.legacyFormat && d.doc.errors.length === 0).map((d) => migrateOne(file, d));
  let text = file.text;
  for (const { edit } of [...documents].reverse()) {
    text = text.slice(0, file.offsetAt(edit.range.start)) + edit.newText + text.slice(file.offsetAt(edit.range.end));
  }
  return { text, documents };
}

export function migrateOne(file: YamlFile, document: YamlDocument): DocumentMigration {
  // The document as parsed in full: its comments are printed with it.
  const parsed = file.fullDocuments()[document.index] ?? document.doc;
  const { document: migrated, steps } = migrateDocument(parsed);
  // The report opens the document's content, after its `---` (a comment before `---` would belong to the
  // document before it).
  const contents = migrated.contents;
  if (isMap(contents)) contents.commentBefore = [reportComment(steps), contents.commentBefore].filter(Boolean).join('\n\n');
  let newText: string;
  try {
    newText = migrated.toString(printOptions(file.text, parsed));
  } catch (error) {
    // e.g. an alias whose anchor sat in a dropped key: say so rather than write a broken spec.
    throw new MigrationError(`document ${document.index + 1} cannot be rewritten automatically: ${(error as Error).message}`);
  }
  if (file.text.includes('\r\n')) newText = newText.replace(/\r?\n/g, '\r\n');
  return { index: document.index, steps, edit: { range: documentRange(file, document), newText } };
}

/** The document's whole text: from its `---` (the file's start for the first one) to where the next begins. */
function documentRange(file: YamlFile, document: YamlDocument): Range {
  const [start, , end] = document.doc.range;
  return file.range(document.index === 0 ? 0 : start, end);
}

/** Print like the file: no line folding, flow collections unpadded, block sequences indented as the file has them. */
function printOptions(text: string, doc: Document.Parsed) {
  const [start, , end] = doc.range;
  const own = text.slice(start, end);
  // The first block sequence item: is its `-` indented past the key that holds it?
  const match = own.match(/^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?: *#[^\n]*\r?\n)*( *)- /m);
  const indentSeq = match ? match[2].length > match[1].length : true;
  return { lineWidth: 0, flowCollectionPadding: false, indentSeq };
}

/** The report as comment lines (without their `#`). */
function reportComment(steps: readonly MigrationStep[]): string {
  const lines = [' Migrated from the 2021 rctl format to the v3 extended spec by `mks-gitops migrate`.'];
  const dropped = steps.filter((s) => s.action === 'dropped');
  const inferred = steps.filter((s) => s.inferred);
  if (dropped.length) {
    lines.push(' Dropped (no v3 home):');
    for (const s of dropped) lines.push(`   ${s.from}${s.value !== undefined ? ` (was ${JSON.stringify(s.value)})` : ''}: ${s.why}`);
  }
  if (inferred.length) {
    lines.push(' Inferred, check:');
    for (const s of inferred) lines.push(`   ${s.from} -> ${s.to}: ${s.inferred}`);
  }
  return lines.join('\n');
}

/** The report for the terminal: every step, one per line. */
export function reportText(migration: DocumentMigration): string {
  return migration.steps
    .map((s) => {
      const head = s.action === 'mapped' ? `mapped   ${s.from} -> ${s.to}` : s.action === 'added' ? `added    ${s.from}` : `dropped  ${s.from}${s.value !== undefined ? ` (was ${JSON.stringify(s.value)})` : ''}`;
      return `${head}: ${s.why}${s.inferred ? ` [inferred: ${s.inferred}]` : ''}`;
    })
    .join('\n');
}
