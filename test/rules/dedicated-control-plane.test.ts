import { describe, expect, it } from 'vitest';
import { dedicatedControlPlane } from '../../server/src/engine/rules/dedicatedControlPlane';
import { brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (dedicated: string, nodes: string[]) =>
  yaml(...clusterHead, '  config:', `    dedicatedControlPlane: ${dedicated}`, '    nodes:', ...nodes);

describe('dedicated-control-plane', () => {
  it('accepts dedicated control planes with a separate worker', () => {
    const text = cluster('true', ['      - {hostname: cp, roles: [ControlPlane]}', '      - {hostname: w, roles: [Worker]}']);
    expect(run(dedicatedControlPlane, text)).toEqual([]);
  });

  it('ignores converged clusters', () => {
    expect(run(dedicatedControlPlane, cluster('false', ['      - {hostname: cp, roles: [ControlPlane, Worker]}']))).toEqual([]);
  });

  it('reports a control plane with the Worker role, and the missing worker', () => {
    const text = cluster('true', [
      '      - hostname: cp',
      '        roles: [ControlPlane, Worker]',
      '      - {hostname: s, roles: [Storage]}',
    ]);
    expect(run(dedicatedControlPlane, text).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(9, 15, 9, 37),
        message: 'cp is a control-plane node but also has the Worker role, which dedicatedControlPlane does not allow: remove Worker from its roles.',
      },
      {
        severity: 'warning',
        range: range(6, 27, 6, 31),
        message: 'dedicatedControlPlane is on but no node is a worker outside the control plane: add a node with roles: [Worker], or turn dedicatedControlPlane off.',
      },
    ]);
  });

  it('names a node without hostname by position', () => {
    const text = cluster('true', ['      - {roles: [Master, Worker]}', '      - {hostname: w, roles: [Worker]}']);
    expect(run(dedicatedControlPlane, text).map((f) => f.message)).toEqual([
      'node #1 is a control-plane node but also has the Worker role, which dedicatedControlPlane does not allow: remove Worker from its roles.',
    ]);
  });
});
