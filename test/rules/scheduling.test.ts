// Kubernetes toleration matching and node selection, as the placement rules use them.
import { describe, expect, it } from 'vitest';
import { nodes, type Taint, type Toleration } from '../../server/src/engine/support/clusterView';
import { effectiveLabels, selectorMatches, taintText, tolerates, tolerationFor } from '../../server/src/engine/support/scheduling';

const taint = (key: string, value: string | undefined, effect: string): Taint => ({ key, value, effect });
const tol = (t: Partial<Toleration>): Toleration => ({ key: undefined, operator: undefined, value: undefined, effect: undefined, tolerationSeconds: undefined, index: 0, ...t });

describe('tolerates (k8s ToleratesTaint)', () => {
  const gpu = taint('gpu', 'true', 'NoSchedule');
  it.each([
    ['Equal with the same key, value and effect', tol({ key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }), true],
    ['the implied Equal operator', tol({ key: 'gpu', value: 'true' }), true],
    ['Equal with another value', tol({ key: 'gpu', operator: 'Equal', value: 'false' }), false],
    ['Equal without a value against a valued taint', tol({ key: 'gpu', operator: 'Equal' }), false],
    ['Exists on the key, any effect', tol({ key: 'gpu', operator: 'Exists' }), true],
    ['Exists with another effect', tol({ key: 'gpu', operator: 'Exists', effect: 'NoExecute' }), false],
    ['Exists on another key', tol({ key: 'cpu', operator: 'Exists' }), false],
    ['an empty key with Exists (tolerates everything)', tol({ operator: 'Exists' }), true],
    ['an empty key with Exists limited to an effect', tol({ operator: 'Exists', effect: 'NoExecute' }), false],
    ['an unknown operator', tol({ key: 'gpu', operator: 'In', value: 'true' }), false],
  ])('%s', (_name, toleration, expected) => {
    expect(tolerates(toleration, gpu)).toBe(expected);
  });

  it('matches a taint without value by Equal with an empty value', () => {
    expect(tolerates(tol({ key: 'x', operator: 'Equal', value: '' }), taint('x', undefined, 'NoSchedule'))).toBe(true);
  });

  it('writes taints as kubectl does and builds the narrowest toleration', () => {
    expect(taintText(taint('gpu', 'true', 'NoSchedule'))).toBe('gpu=true:NoSchedule');
    expect(taintText(taint('gpu', undefined, 'NoExecute'))).toBe('gpu:NoExecute');
    expect(tolerationFor(taint('gpu', 'true', 'NoSchedule'))).toEqual({ key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' });
    expect(tolerationFor(taint('gpu', undefined, 'NoExecute'))).toEqual({ key: 'gpu', operator: 'Exists', effect: 'NoExecute' });
  });
});

describe('selectorMatches', () => {
  const [node] = nodes({
    spec: { config: { nodes: [{ hostname: 'w1', arch: 'arm64', operatingSystem: 'Ubuntu22.04', labels: { zone: 'a', 'kubernetes.io/hostname': 'override' } }] } },
  });
  it('adds the built-in labels, the spec labels winning', () => {
    expect(effectiveLabels(node)).toEqual({ 'kubernetes.io/hostname': 'override', 'kubernetes.io/arch': 'arm64', 'kubernetes.io/os': 'linux', zone: 'a' });
  });
  it('reads a node view\'s labels once (the placement rules ask for every selector)', () => {
    expect(effectiveLabels(node)).toBe(effectiveLabels(node));
    const [other] = nodes({ spec: { config: { nodes: [{ hostname: 'w2', operatingSystem: 'Windows2019', labels: { zone: 'b' } }] } } });
    expect(effectiveLabels(other)).toEqual({ 'kubernetes.io/hostname': 'w2', 'kubernetes.io/os': 'windows', zone: 'b' });
  });
  it('needs every pair to match; an empty selector matches every node', () => {
    expect(selectorMatches({ zone: 'a', 'kubernetes.io/arch': 'arm64' }, node)).toBe(true);
    expect(selectorMatches({ zone: 'a', 'kubernetes.io/arch': 'amd64' }, node)).toBe(false);
    expect(selectorMatches({}, node)).toBe(true);
  });
});
