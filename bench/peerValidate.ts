// The peer of `mks-gitops validate`: yaml-language-server's own validation (getLanguageService().doValidation)
// of every YAML file in a folder against our JSON schema. Prints one line: files, errors, other diagnostics.
// Exit code 1 when anything was found: yaml-language-server reports schema mismatches (an enum, a type)
// as warnings, so any diagnostic counts. Usage: node peerValidate.mjs <schema.json> <folder>
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';

const [schemaArg, folderArg] = process.argv.slice(2);
if (!schemaArg || !folderArg) {
  console.error('usage: peerValidate <schema.json> <folder>');
  process.exit(2);
}

const schemaUri = pathToFileURL(resolve(schemaArg)).href;
const service = getLanguageService({
  schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
  workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).href },
});
service.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*.yaml', '*.yml'] }] });

const folder = resolve(folderArg);
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
let errors = 0;
let others = 0;
for (const file of files) {
  const path = join(folder, file);
  const document = TextDocument.create(pathToFileURL(path).href, 'yaml', 1, readFileSync(path, 'utf8'));
  for (const diagnostic of await service.doValidation(document, false)) {
    if (diagnostic.severity === 1) errors++;
    else others++;
  }
}
console.log(`${files.length} files, ${errors} errors, ${others} other diagnostics`);
process.exit(errors + others > 0 ? 1 : 0);
