import { describe, expect, it } from 'vitest';
import { controlPlaneRequired } from '../../server/src/engine/rules/controlPlaneRequired';
import { brief, clusterHead, range, run, yaml } from './helpers';

describe('control-plane-required', () => {
  it('accepts a cluster with a control-plane node', () => {
    const text = yaml(...clusterHead, '  config:', '    nodes:', '      - {hostname: a, roles: [ControlPlane, Worker]}');
    expect(run(controlPlaneRequired, text)).toEqual([]);
  });

  it('counts the legacy Master role as a control plane (legacy-names reports the spelling)', () => {
    const text = yaml(...clusterHead, '  config:', '    nodes:', '      - {hostname: a, roles: [Master]}');
    expect(run(controlPlaneRequired, text)).toEqual([]);
  });

  it('reports a cluster of workers on the nodes key', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    nodes:',
      '      - {hostname: a, roles: [Worker]}',
      '      - {hostname: b, roles: [Worker, Storage]}',
    );
    expect(run(controlPlaneRequired, text).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(6, 4, 6, 9),
        message: 'No node has the ControlPlane role: give at least one node `roles: [ControlPlane]`.',
      },
    ]);
  });

  it('leaves a spec without nodes (or with nodes of the wrong type) to the schema', () => {
    expect(run(controlPlaneRequired, yaml(...clusterHead, '  config:', '    nodes: []'))).toEqual([]);
    expect(run(controlPlaneRequired, yaml(...clusterHead, '  config:', '    nodes: 3'))).toEqual([]);
    expect(run(controlPlaneRequired, yaml(...clusterHead, '  config:', '    nodes: [a, 1, {roles: Worker}]')).length).toBe(1);
  });
});
