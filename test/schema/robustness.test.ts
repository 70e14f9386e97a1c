// Whatever value sits wherever in a Cluster spec, the schema check answers with findings (never a throw),
// each on a real spot of the document, in words without "undefined" or "[object Object]".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateAgainstSchema } from '../../server/src/engine/schema/schemaValidation';
import { YamlFile, type Path } from '../../server/src/engine/yamlFile';
import { canonicalCluster } from './helpers';

const base = parse(canonicalCluster) as Record<string, unknown>;

/** Every path into the canonical example (maps and lists), the root excluded. */
function allPaths(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...path, key], ...allPaths(child, [...path, key])]);
}

function withValueAt(path: Path, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return copy;
}

const paths = allPaths(base).filter((p) => !(p.length === 1 && (p[0] === 'apiVersion' || p[0] === 'kind')));

describe('robustness', () => {
  it('maps any value at any path to sane findings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const text = stringify(withValueAt(path, value));
        const file = new YamlFile('file:///fuzz.yaml', text);
        const lines = text.split('\n').length;
        for (const document of file.documents) {
          for (const finding of validateAgainstSchema(file, document)) {
            expect(finding.code).toMatch(/^schema\//);
            expect(finding.message).not.toMatch(/undefined|\[object Object\]|NaN/);
            expect(finding.range.start.line).toBeLessThan(lines);
            expect(finding.range.end.line).toBeGreaterThanOrEqual(finding.range.start.line);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
