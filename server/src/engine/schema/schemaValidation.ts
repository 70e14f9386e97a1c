// JSON Schema check of one MKS document (ajv, compiled once), each error mapped to its YAML node.
import type { Finding } from '../findings';
import type { YamlDocument, YamlFile } from '../yamlFile';

export function validateAgainstSchema(_file: YamlFile, _document: YamlDocument): Finding[] {
  throw new Error('not implemented yet');
}
