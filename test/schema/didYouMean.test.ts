// The did-you-mean ranking used for misspelled keys and enum values.
import { describe, expect, it } from 'vitest';
import { bestMatch, didYouMean, editDistance } from '../../server/src/engine/didYouMean';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('hostname', 'hostname')).toBe(0);
    expect(editDistance('hostnme', 'hostname')).toBe(1);
    expect(editDistance('hostnamee', 'hostname')).toBe(1);
    expect(editDistance('hostnane', 'hostname')).toBe(1);
    expect(editDistance('amd46', 'amd64')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});

describe('didYouMean', () => {
  const nodeKeys = ['hostname', 'privateIP', 'arch', 'operatingSystem', 'roles', 'interface', 'labels', 'annotations', 'taints', 'ssh'];

  it('prefers a case-only difference over an edit', () => {
    expect(didYouMean('privateip', [...nodeKeys, 'privateIp2'])[0]).toBe('privateIP');
    expect(bestMatch('Calico', ['calico', 'Cilium'])).toBe('calico');
  });

  it('ranks closer names first', () => {
    expect(didYouMean('rols', ['roles', 'rolls', 'role'])).toEqual(['role', 'roles', 'rolls']);
  });

  it('suggests nothing far-fetched, and nothing for very short words', () => {
    expect(didYouMean('x86', ['amd64', 'arm64'])).toEqual([]);
    expect(didYouMean('xy', ['ssh'])).toEqual([]);
    expect(didYouMean('storage', nodeKeys)).toEqual([]);
  });

  it('allows more slips in longer words', () => {
    expect(bestMatch('operatingSytem', nodeKeys)).toBe('operatingSystem');
    expect(bestMatch('opratingSytm', nodeKeys)).toBe('operatingSystem');
    expect(bestMatch('dedicatedControlPlan', ['dedicatedControlPlane', 'highAvailability'])).toBe('dedicatedControlPlane');
  });

  it('never suggests the word itself', () => {
    expect(didYouMean('arch', ['arch'])).toEqual([]);
  });
});
