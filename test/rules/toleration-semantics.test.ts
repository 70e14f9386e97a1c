import { describe, expect, it } from 'vitest';
import { tolerationSemantics } from '../../server/src/engine/rules/tolerationSemantics';
import { brief, clusterHead, range, run, yaml } from './helpers';

const placement = (...lines: string[]) => yaml(...clusterHead, '  systemComponentsPlacement:', ...lines);

describe('toleration-semantics', () => {
  it('accepts well-formed tolerations in both lists', () => {
    const text = placement(
      '    tolerations:',
      '      - {key: a, operator: Equal, value: x, effect: NoSchedule}',
      '      - {key: b, operator: Exists}',
      '      - {operator: Exists}',
      '      - {key: c, effect: NoExecute, tolerationSeconds: 30}',
      '    daemonSetOverride:',
      '      tolerations: [{key: d}]',
    );
    expect(run(tolerationSemantics, text)).toEqual([]);
  });

  it('reports a value with Exists, on the value', () => {
    expect(run(tolerationSemantics, placement('    tolerations:', '      - {key: a, operator: Exists, value: x}')).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(7, 42, 7, 43),
        message: 'operator Exists matches any value, so value "x" is not allowed: remove it, or use operator: Equal.',
      },
    ]);
  });

  it('reports an empty key without Exists: on the operator, or on the value when the operator is implied', () => {
    const text = placement(
      '    tolerations:',
      '      - {key: "", operator: Equal, value: x}',
      '    daemonSetOverride:',
      '      tolerations:',
      '        - value: y',
    );
    expect(run(tolerationSemantics, text).map(brief)).toEqual([
      { severity: 'error', range: range(7, 28, 7, 33), message: 'A toleration without a key must use operator: Exists (it then tolerates every taint).' },
      { severity: 'error', range: range(10, 10, 10, 15), message: 'A toleration without a key must use operator: Exists (it then tolerates every taint).' },
    ]);
  });

  it('reports tolerationSeconds without NoExecute, on the key', () => {
    const text = placement('    tolerations:', '      - key: a', '        effect: NoSchedule', '        tolerationSeconds: 60', '      - {key: b, tolerationSeconds: 5}');
    expect(run(tolerationSemantics, text).map(brief)).toEqual([
      { severity: 'error', range: range(9, 8, 9, 25), message: 'tolerationSeconds only applies to effect NoExecute, not NoSchedule: remove it, or set effect: NoExecute.' },
      { severity: 'error', range: range(10, 17, 10, 34), message: 'tolerationSeconds only applies to effect NoExecute: remove it, or set effect: NoExecute.' },
    ]);
  });

  it('ignores lists and items of the wrong type (the schema reports them)', () => {
    expect(run(tolerationSemantics, placement('    tolerations: {key: a}', '    daemonSetOverride: [x]'))).toEqual([]);
    expect(run(tolerationSemantics, placement('    tolerations: [a, 3, null]'))).toEqual([]);
  });
});
