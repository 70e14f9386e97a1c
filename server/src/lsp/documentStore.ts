// One parse per open document version: every feature (diagnostics, symbols, definition, code actions)
// asks this store for the YamlFile of a document instead of parsing the text again. After an edit only the
// edited part is parsed again when the edit allows it (engine/reparse.ts).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { reparse } from '../engine/reparse';
import { YamlFile } from '../engine/yamlFile';

export class DocumentStore {
  private readonly parsed = new Map<string, { version: number; file: YamlFile }>();
  /** Versions known to need a whole parse, so a failed local re-parse is not tried twice. */
  private readonly needWholeParse = new Map<string, number>();

  get(document: TextDocument): YamlFile {
    const file = this.reparsed(document) ?? new YamlFile(document.uri, document.getText());
    this.remember(document, file);
    return file;
  }

  /** Parses just the edited part of a changed document, if the edit allows; says whether its version is now parsed. */
  parsedLocally(document: TextDocument): boolean {
    return this.reparsed(document) !== undefined;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.needWholeParse.delete(uri);
  }

  private reparsed(document: TextDocument): YamlFile | undefined {
    const cached = this.parsed.get(document.uri);
    if (!cached) return undefined;
    if (cached.version === document.version) return cached.file;
    if (this.needWholeParse.get(document.uri) === document.version) return undefined;
    // reparse() takes over the cached parse on success; on failure it leaves it as it was.
    const file = reparse(cached.file, document.getText());
    if (file) this.remember(document, file);
    else this.needWholeParse.set(document.uri, document.version);
    return file;
  }

  private remember(document: TextDocument, file: YamlFile): void {
    this.parsed.set(document.uri, { version: document.version, file });
    this.needWholeParse.delete(document.uri);
  }
}
