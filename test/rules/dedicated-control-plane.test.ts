import { describe, expect, it } from 'vitest';
import { dedicatedControlPlane } from '../../server/src/engine/rules/dedicatedControlPlane';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

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

  it('fixes the roles in their own style, block or flow, keeping comments after the list', () => {
    const block = cluster('true', ['      - hostname: cp', '        roles:', '          - ControlPlane', '          - Worker  # was converged', '      - {hostname: w, roles: [Worker]}']);
    const [blockFinding] = run(dedicatedControlPlane, block);
    expect(blockFinding.fixes?.map((f) => f.title)).toEqual(['Remove Worker from the roles of cp']);
    expect(applyFix(block, blockFinding)).toBe(
      cluster('true', ['      - hostname: cp', '        roles:', '          - ControlPlane  # was converged', '      - {hostname: w, roles: [Worker]}']),
    );
    const flow = cluster('true', ['      - {hostname: cp, roles: [Worker, "ControlPlane", Storage]}', '      - {hostname: w, roles: [Worker]}']);
    expect(applyFix(flow, run(dedicatedControlPlane, flow)[0])).toBe(
      cluster('true', ['      - {hostname: cp, roles: [ControlPlane, Storage]}', '      - {hostname: w, roles: [Worker]}']),
    );
  });

  it('offers no fix when the roles hold something that is not a string', () => {
    const text = cluster('true', ['      - {hostname: cp, roles: [ControlPlane, Worker, {x: 1}]}', '      - {hostname: w, roles: [Worker]}']);
    const findings = run(dedicatedControlPlane, text);
    expect(findings).toHaveLength(1);
    expect(findings[0].fixes).toBeUndefined();
  });

  it('names a node without hostname by position', () => {
    const text = cluster('true', ['      - {roles: [Master, Worker]}', '      - {hostname: w, roles: [Worker]}']);
    expect(run(dedicatedControlPlane, text).map((f) => f.message)).toEqual([
      'node #1 is a control-plane node but also has the Worker role, which dedicatedControlPlane does not allow: remove Worker from its roles.',
    ]);
  });
});
