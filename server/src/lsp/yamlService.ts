// Completion and hover come from yaml-language-server's language service, fed our bundled schemas.
// It answers only inside MKS documents; other YAML in the same file is left to other tools.
import type { ClientCapabilities, CompletionList, Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import clusterSchema from '../../../schemas/mks-cluster.schema.json';
import credentialsSchema from '../../../schemas/mks-credentials.schema.json';
import mksSchema from '../../../schemas/mks.schema.json';
import type { YamlFile } from '../engine/yamlFile';
import { inMksDocument } from './documentAtCursor';

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

export class YamlService {
  private readonly service: LanguageService;

  /** `capabilities` are the client's: they decide e.g. whether completion documentation is markdown. */
  constructor(capabilities: ClientCapabilities) {
    this.service = getLanguageService({
      schemaRequestService: requestBundledSchema,
      workspaceContext: { resolveRelativePath },
      clientCapabilities: capabilities,
    });
    this.service.configure({
      completion: true,
      hover: true,
      // Diagnostics come from our engine (ajv + rules) so each problem is reported once, with our codes.
      validate: false,
      format: false,
      hoverSchemaSource: false,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: mksSchema, name: 'Rafay MKS' }],
    });
  }

  complete(document: TextDocument, file: YamlFile, position: Position): Promise<CompletionList> {
    if (!inMksDocument(file, position)) return Promise.resolve(noCompletions);
    return this.service.doComplete(document, position, false);
  }

  async hover(document: TextDocument, file: YamlFile, position: Position): Promise<Hover | null> {
    if (!inMksDocument(file, position)) return null;
    return (await this.service.doHover(document, position)) ?? null;
  }
}
