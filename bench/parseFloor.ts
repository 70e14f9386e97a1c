// The parser's floor, in this process, on the same generated spec the language servers open: how long the
// `yaml` package takes merely to lex the text, to lex and build its CST, to compose documents (what both
// servers do), and our whole YamlFile (documents, positions, plain values). The warm open is reported as a
// multiple of the lex-only time, the least any YAML reader of this text spends. Our YamlFile composes the spec
// straight from the CST (server/src/engine/cstDocuments.ts); the same YamlFile built the old way (parseAllDocuments,
// then toJS) is measured beside it.
import { LineCounter, Lexer, Parser, parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS, YamlFile, describeDocument } from '../server/src/engine/yamlFile';
import { clusterSpecYaml } from './generateSpec';
import { median } from './stats';

export interface ParseFloor {
  nodes: number;
  chars: number;
  lexMs: number;
  cstMs: number;
  composeMs: number;
  yamlFileMs: number;
  /** The YamlFile by the old path: parseAllDocuments and toJS (what the CST path replaces on the common case). */
  fullYamlFileMs: number;
  /** Whether our YamlFile took the CST path on this spec. */
  composedFromCst: boolean;
}

export function measureParseFloor(nodes: number, runs: number): ParseFloor {
  const text = clusterSpecYaml({ nodes });
  const sample = (work: () => unknown) => {
    for (let i = 0; i < 3; i++) work(); // warm-up, as the warm open is measured after one
    return median(
      Array.from({ length: runs }, () => {
        const t0 = performance.now();
        work();
        return performance.now() - t0;
      }),
    );
  };
  let tokens = 0;
  const lexMs = sample(() => {
    for (const token of new Lexer().lex(text)) tokens += token.length;
  });
  const cstMs = sample(() => {
    const lineCounter = new LineCounter();
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) tokens += token.offset;
  });
  const composeMs = sample(() => parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: new LineCounter() }));
  const yamlFileMs = sample(() => new YamlFile('file:///floor.yaml', text));
  const fullYamlFileMs = sample(() => {
    const lineCounter = new LineCounter();
    const documents = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
    return new YamlFile('file:///floor.yaml', text, { documents: (Array.isArray(documents) ? documents : []).map(describeDocument), lineCounter });
  });
  if (tokens === 0) throw new Error('the lexer produced nothing');
  const { composedFromCst } = new YamlFile('file:///floor.yaml', text);
  return { nodes, chars: text.length, lexMs, cstMs, composeMs, yamlFileMs, fullYamlFileMs, composedFromCst };
}
