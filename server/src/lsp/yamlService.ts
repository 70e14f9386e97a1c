// Completion and hover come from yaml-language-server's language service, fed our bundled schemas.
// It answers only inside MKS documents; other YAML in the same file is left to other tools. In a list item
// it is asked on the cursor's part of the text only (cursorFocus.ts), which keeps it fast on large specs.
import type { ClientCapabilities, CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import clusterSchema from '../../../schemas/mks-cluster.schema.json';
import credentialsSchema from '../../../schemas/mks-credentials.schema.json';
import mksSchema from '../../../schemas/mks.schema.json';
import type { YamlFile } from '../engine/yamlFile';
import { focusOn, type Focus } from './cursorFocus';
import { documentAt, inMksDocument } from './documentAtCursor';
import { indentlessSequences, sequenceStyle, type SequenceStyle } from './sequenceStyle';

/** A private URI: the schemas ship inside the bundle and are never fetched. */
const SCHEMA_URI = 'mks-gitops://schemas/mks.schema.json';

/** The bundled schemas by file name, for the `$ref`s between them (whatever base URI they resolve against). */
const bundledSchemas: Readonly<Record<string, unknown>> = {
  'mks.schema.json': mksSchema,
  'mks-cluster.schema.json': clusterSchema,
  'mks-credentials.schema.json': credentialsSchema,
};

async function requestBundledSchema(uri: string): Promise<string> {
  const name = new URL(uri).pathname.split('/').pop() ?? '';
  const schema = bundledSchemas[name];
  if (!schema) throw new Error(`Unknown schema ${uri}: only the bundled MKS schemas are available.`);
  return JSON.stringify(schema);
}

/** Our schemas' `$id`s are bare file names; refs that cannot resolve against them resolve against our private base. */
function resolveRelativePath(relative: string, resource: string): string {
  try {
    return new URL(relative, resource).toString();
  } catch {
    return new URL(relative, SCHEMA_URI).toString();
  }
}

const noCompletions: CompletionList = { isIncomplete: false, items: [] };

/** yaml-language-server's service for MKS specs: our schemas, completion and hover only. */
export function mksLanguageService(capabilities: ClientCapabilities): LanguageService {
  const service = getLanguageService({
    schemaRequestService: requestBundledSchema,
    workspaceContext: { resolveRelativePath },
    clientCapabilities: capabilities,
  });
  service.configure({
    completion: true,
    hover: true,
    // Diagnostics come from our engine (ajv + rules) so each problem is reported once, with our codes.
    validate: false,
    format: false,
    hoverSchemaSource: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: mksSchema, name: 'Rafay MKS' }],
  });
  return service;
}

export class YamlService {
  private readonly service: LanguageService;
  /** Every focused copy is a new version, so yaml-language-server never answers from a stale one. */
  private focusVersion = 0;

  /** `capabilities` are the client's: they decide e.g. whether completion documentation is markdown. */
  constructor(capabilities: ClientCapabilities) {
    this.service = mksLanguageService(capabilities);
  }

  async complete(document: TextDocument, file: YamlFile, position: Position): Promise<CompletionList> {
    if (!inMksDocument(file, position)) return noCompletions;
    // Inserted text follows the file's way of indenting block sequences (yaml-language-server always indents them).
    const style = (item: CompletionItem) => (styleOf(file) === 'indentless' ? withIndentlessSequences(item) : item);
    const focus = this.focus(file, position);
    if (!focus) {
      const whole = await this.service.doComplete(document, position, false);
      return { ...whole, items: whole.items.map(style) };
    }
    const list = await this.service.doComplete(this.focusedDocument(document, focus), focus.position, false);
    return { ...list, items: list.items.map((item) => completionInFile(style(item), focus)) };
  }

  async hover(document: TextDocument, file: YamlFile, position: Position): Promise<Hover | null> {
    if (!inMksDocument(file, position)) return null;
    const focus = this.focus(file, position);
    if (!focus) return (await this.service.doHover(document, position)) ?? null;
    const hover = await this.service.doHover(this.focusedDocument(document, focus), focus.position);
    return hover ? { ...hover, ...(hover.range ? { range: focus.toFile(hover.range) } : {}) } : null;
  }

  private focus(file: YamlFile, position: Position): Focus | undefined {
    const document = documentAt(file, position);
    return document && focusOn(file, document, position);
  }

  /** One URI for all focused copies of a document (a new version each), so yaml-language-server keeps one parse of them. */
  private focusedDocument(document: TextDocument, focus: Focus): TextDocument {
    return TextDocument.create(`${document.uri}#focused`, document.languageId, ++this.focusVersion, focus.text);
  }
}

/** Per parsed version of a file (the document store keeps one YamlFile per version): read once, not per request. */
const styles = new WeakMap<YamlFile, SequenceStyle | undefined>();
function styleOf(file: YamlFile): SequenceStyle | undefined {
  if (!styles.has(file)) styles.set(file, sequenceStyle(file.text));
  return styles.get(file);
}

/** The item's text with its block sequences written indentless, as the file writes them. */
function withIndentlessSequences(item: CompletionItem): CompletionItem {
  const edit = item.textEdit;
  return {
    ...item,
    ...(item.insertText !== undefined ? { insertText: indentlessSequences(item.insertText) } : {}),
    ...(edit ? { textEdit: { ...edit, newText: indentlessSequences(edit.newText) } } : {}),
  };
}

/** A completion item computed on a focused copy, with its edits' ranges in the file. */
function completionInFile(item: CompletionItem, focus: Focus): CompletionItem {
  const edit = item.textEdit;
  return {
    ...item,
    ...(edit
      ? {
          textEdit:
            'range' in edit
              ? { ...edit, range: focus.toFile(edit.range) }
              : { ...edit, insert: focus.toFile(edit.insert), replace: focus.toFile(edit.replace) },
        }
      : {}),
    ...(item.additionalTextEdits ? { additionalTextEdits: item.additionalTextEdits.map((e) => ({ ...e, range: focus.toFile(e.range) })) } : {}),
  };
}
