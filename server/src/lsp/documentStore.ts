// One parse per open document version: every feature (diagnostics, symbols, definition, code actions)
// asks this store for the YamlFile of a document instead of parsing the text again.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { YamlFile } from '../engine/yamlFile';

export class DocumentStore {
  private readonly parsed = new Map<string, { version: number; file: YamlFile }>();

  get(document: TextDocument): YamlFile {
    const cached = this.parsed.get(document.uri);
    if (cached && cached.version === document.version) return cached.file;
    const file = new YamlFile(document.uri, document.getText());
    this.parsed.set(document.uri, { version: document.version, file });
    return file;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}
