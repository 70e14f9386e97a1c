// The text edits behind the quick fixes: block and flow styles, comments, CRLF and a missing final newline.
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../server/src/engine/rules/rule';
import { appendToSequence, yamlScalar } from '../../server/src/engine/support/yamlEdits';
import { defaultSettings } from '../../server/src/engine/settings';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { applyEdits } from './helpers';

function append(text: string, path: (string | number)[], items: Record<string, string>[]): string | undefined {
  const file = new YamlFile('file:///t.yaml', text);
  const document = file.documents[0];
  const context: RuleContext = { file, document, settings: defaultSettings, credentials: undefined, range: (p, t) => file.rangeAt(document, p, t) };
  const edit = appendToSequence(context, path, items);
  return edit && applyEdits(text, [edit]);
}

describe('yamlEdits', () => {
  it('quotes scalars only where needed', () => {
    expect([yamlScalar('infra'), yamlScalar('true'), yamlScalar('1'), yamlScalar(''), yamlScalar('a: b'), yamlScalar('node-role.kubernetes.io/infra')]).toEqual([
      'infra',
      '"true"',
      '"1"',
      '""',
      '"a: b"',
      'node-role.kubernetes.io/infra',
    ]);
    expect([yamlScalar('a,b', true), yamlScalar('a,b'), yamlScalar('[x]', true), yamlScalar('plain', true)]).toEqual(['"a,b"', 'a,b', '"[x]"', 'plain']);
  });

  it('appends after a trailing comment and before the next key, keeping the compact list style', () => {
    const text = 'a:\n  list:\n  - x: 1   # one\n\n  # about b\n  b: 2\n';
    expect(append(text, ['a', 'list'], [{ x: '2', y: 'z' }])).toBe('a:\n  list:\n  - x: 1   # one\n  - x: "2"\n    y: z\n\n  # about b\n  b: 2\n');
  });

  it('keeps CRLF lines intact and works without a final newline', () => {
    expect(append('a:\r\n  list:\r\n    - x: 1\r\n', ['a', 'list'], [{ x: '2' }])).toBe('a:\r\n  list:\r\n    - x: 1\r\n    - x: "2"\r\n');
    expect(append('a:\r\n  k: v', ['a', 'list'], [{ x: '2' }])).toBe('a:\r\n  k: v\r\n  list:\r\n    - x: "2"');
    expect(append('a:\n  list:\n    - x: 1', ['a', 'list'], [{ x: '2' }])).toBe('a:\n  list:\n    - x: 1\n    - x: "2"');
  });

  it('adds the key to a map, block or flow, and handles flow lists with a trailing comma', () => {
    expect(append('a:\n  k: v\nb: 1\n', ['a', 'list'], [{ x: 'y' }])).toBe('a:\n  k: v\n  list:\n    - x: y\nb: 1\n');
    expect(append('a: {k: v}\n', ['a', 'list'], [{ x: 'y' }])).toBe('a: {k: v, list: [{x: y}]}\n');
    expect(append('a: { }\n', ['a', 'list'], [{ x: 'y' }])).toBe('a: { list: [{x: y}]}\n');
    expect(append('a: [{x: y},]\n', ['a'], [{ x: 'z' }])).toBe('a: [{x: y},{x: z}]\n');
  });

  it('gives up where there is nothing safe to extend', () => {
    expect(append('a: 3\n', ['a'], [{ x: 'y' }])).toBeUndefined();
    expect(append('a:\n', ['a', 'list'], [{ x: 'y' }])).toBeUndefined();
    expect(append('a: 1\n', ['b', 'list'], [{ x: 'y' }])).toBeUndefined();
  });
});
