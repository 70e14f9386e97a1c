import { describe, expect, it } from 'vitest';
import { duplicateHostname } from '../../server/src/engine/rules/duplicateHostname';
import { brief, clusterHead, range, run, yaml } from './helpers';

describe('duplicate-hostname', () => {
  it('accepts distinct hostnames and ignores nodes without one', () => {
    const text = yaml(...clusterHead, '  config:', '    nodes:', '      - {hostname: a}', '      - {hostname: b}', '      - {roles: [Worker]}', '      - {roles: [Worker]}');
    expect(run(duplicateHostname, text)).toEqual([]);
  });

  it('flags every node of a duplicate group, naming the others by position', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes:',
      '      - {hostname: a}',
      '      - {hostname: b}',
      '      - {hostname: a}',
      '      - {hostname: a}',
    );
    expect(run(duplicateHostname, text).map(brief)).toEqual([
      { severity: 'error', range: range(7, 19, 7, 20), message: 'Hostname a is also used by node #3 and node #4: each node needs its own hostname.' },
      { severity: 'error', range: range(9, 19, 9, 20), message: 'Hostname a is also used by node #1 and node #4: each node needs its own hostname.' },
      { severity: 'error', range: range(10, 19, 10, 20), message: 'Hostname a is also used by node #1 and node #3: each node needs its own hostname.' },
    ]);
  });

  it('flags 2,000 nodes sharing one hostname, each message listing only a few others', () => {
    const nodes = Array.from({ length: 2000 }, () => '      - {hostname: same}');
    const findings = run(duplicateHostname, yaml(...clusterHead, '  config:', '    nodes:', ...nodes));
    expect(findings).toHaveLength(2000);
    expect(findings[0].message).toBe('Hostname same is also used by node #2, node #3, node #4 and 1996 more: each node needs its own hostname.');
  });
});
