// Which MKS Credentials specs exist in the workspace (or among the files the CLI was given), and where.
import type { Range } from './findings';
import { isRecord, type YamlFile } from './yamlFile';

export interface CredentialsLocation {
  uri: string;
  name: string;
  /** Range of the `metadata.name` value. */
  range: Range;
}

export class CredentialsIndex {
  private readonly byUri = new Map<string, CredentialsLocation[]>();

  /** Records (or replaces) the Credentials specs of one file. */
  update(file: YamlFile): void {
    const found: CredentialsLocation[] = [];
    for (const document of file.documents) {
      if (document.kind !== 'Credentials' || !isRecord(document.value) || !isRecord(document.value.metadata)) continue;
      const name = document.value.metadata.name;
      if (typeof name === 'string') found.push({ uri: file.uri, name, range: file.rangeAt(document, ['metadata', 'name']) });
    }
    if (found.length > 0) this.byUri.set(file.uri, found);
    else this.byUri.delete(file.uri);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
  }

  find(name: string): CredentialsLocation[] {
    return [...this.byUri.values()].flat().filter((c) => c.name === name);
  }
}
