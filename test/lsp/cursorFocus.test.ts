// Completion and hover are asked on a focused copy of the text (server/src/lsp/cursorFocus.ts). Here they
// are compared, at many cursor positions of several specs, with yaml-language-server asked on the whole
// document: the answers must be the same, ranges included.
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities, Position } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { clusterSpecYaml } from '../../bench/generateSpec';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { focusOn } from '../../server/src/lsp/cursorFocus';
import { documentAt } from '../../server/src/lsp/documentAtCursor';
import { YamlService, mksLanguageService } from '../../server/src/lsp/yamlService';
import { examplePath } from './lspClient';

const capabilities: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

const specs: Record<string, string> = {
  generated: clusterSpecYaml({ nodes: 6, seed: 7 }),
  'cluster-ha': readFileSync(examplePath('cluster-ha.yaml'), 'utf8'),
  'multi-document': readFileSync(examplePath('multi-document.yaml'), 'utf8'),
};

/** Positions on every line: column 0, the indentation, just after `key: ` (value), mid-word and the line's end. */
function positionsOf(text: string): Position[] {
  return text.split('\n').flatMap((line, n) => {
    const indent = line.length - line.trimStart().length;
    const colon = line.indexOf(': ');
    const columns = new Set([0, indent, colon >= 0 ? colon + 2 : indent, indent + 2, line.length]);
    return [...columns].filter((c) => c <= line.length).map((character) => ({ line: n, character }));
  });
}

describe('completion and hover on a focused copy', () => {
  for (const [name, text] of Object.entries(specs)) {
    it(`answer as on the whole document: ${name}`, async () => {
      const ours = new YamlService(capabilities);
      const reference = mksLanguageService(capabilities);
      const file = new YamlFile(`file:///${name}.yaml`, text);
      const document = TextDocument.create(file.uri, 'yaml', 1, text);
      let focused = 0;
      for (const position of positionsOf(text)) {
        const cursorDocument = documentAt(file, position);
        if (cursorDocument && focusOn(file, cursorDocument, position)) focused++;
        const where = `${name} ${position.line}:${position.character}`;
        const [completion, expectedCompletion] = [await ours.complete(document, file, position), await reference.doComplete(document, position, false)];
        // Ours answers only inside MKS documents; where it does, the answer is the reference's.
        if (completion.items.length > 0) expect({ where, items: completion.items }).toEqual({ where, items: expectedCompletion.items });
        const hover = await ours.hover(document, file, position);
        if (hover) expect({ where, hover }).toEqual({ where, hover: await reference.doHover(document, position) });
      }
      // Many positions are inside a list item (nodes, taints, tolerations): the focus must really be used.
      expect(focused).toBeGreaterThan(positionsOf(text).length / 10);
    });
  }
});
