import { describe, expect, it } from 'vitest';
import { duplicatePrivateIp } from '../../server/src/engine/rules/duplicatePrivateIp';
import { brief, clusterHead, range, run, yaml } from './helpers';

describe('duplicate-private-ip', () => {
  it('accepts distinct addresses', () => {
    const text = yaml(...clusterHead, '  config:', '    nodes:', '      - {hostname: a, privateIP: 10.0.0.1}', '      - {hostname: b, privateIP: 10.0.0.2}');
    expect(run(duplicatePrivateIp, text)).toEqual([]);
  });

  it('flags both nodes, naming the other by hostname', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes:',
      '      - {hostname: a, privateIP: 10.0.0.1}',
      '      - {hostname: b, privateIP: 10.0.0.1}',
    );
    expect(run(duplicatePrivateIp, text).map(brief)).toEqual([
      { severity: 'error', range: range(7, 33, 7, 41), message: 'privateIP 10.0.0.1 is also used by b: each node needs its own address.' },
      { severity: 'error', range: range(8, 33, 8, 41), message: 'privateIP 10.0.0.1 is also used by a: each node needs its own address.' },
    ]);
  });

  it('compares IPv6 addresses in normalised form and names a node without hostname by position', () => {
    const text = yaml(...clusterHead, '  config:', '    nodes:', '      - {privateIP: "fd00::1"}', '      - {hostname: b, privateIP: "fd00:0:0::1"}');
    expect(run(duplicatePrivateIp, text).map((f) => f.message)).toEqual([
      'privateIP fd00::1 is also used by b: each node needs its own address.',
      'privateIP fd00:0:0::1 is also used by node #1: each node needs its own address.',
    ]);
  });
});

describe('duplicate-private-ip with the legacy privateip key', () => {
  it('reads the address and points at the key the node uses', () => {
    const text = yaml(...clusterHead, '  config:', '    nodes:', '      - {hostname: a, privateip: 10.0.0.1}', '      - {hostname: b, privateIP: 10.0.0.1}');
    expect(run(duplicatePrivateIp, text).map((f) => f.range)).toEqual([range(7, 33, 7, 41), range(8, 33, 8, 41)]);
  });
});
