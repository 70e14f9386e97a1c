// Inserted text follows the file's block-sequence style (server/src/lsp/sequenceStyle.ts).
import { describe, expect, it } from 'vitest';
import { indentlessSequences, sequenceStyle } from '../../server/src/lsp/sequenceStyle';

describe('sequence style', () => {
  it('reads the style most sequences under a key use', () => {
    expect(sequenceStyle('nodes:\n  - a: 1\n    roles:\n      - Worker\n')).toBe('indented');
    expect(sequenceStyle('nodes:\n- a: 1\n  roles:\n  - Worker\n')).toBe('indentless');
    expect(sequenceStyle('roles: [Worker]\nname: x\n')).toBeUndefined();
    // A comment on the key line or a list of lists does not confuse it.
    expect(sequenceStyle('taints:   # none yet\n- key: a\n')).toBe('indentless');
  });

  it('writes a snippet indentless, nested sequences too, leaving everything else where it is', () => {
    const snippet = 'hostname: ${1}\n  roles:\n    - ${2}\n    - Worker\n  taints:\n    - key: a\n      effect: NoSchedule\n      values:\n        - x\n  arch: amd64';
    expect(indentlessSequences(snippet)).toBe('hostname: ${1}\n  roles:\n  - ${2}\n  - Worker\n  taints:\n  - key: a\n    effect: NoSchedule\n    values:\n    - x\n  arch: amd64');
    expect(indentlessSequences('roles: [Worker]\n  arch: amd64')).toBe('roles: [Worker]\n  arch: amd64');
  });
});
