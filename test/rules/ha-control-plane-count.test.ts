import { describe, expect, it } from 'vitest';
import { haControlPlaneCount } from '../../server/src/engine/rules/haControlPlaneCount';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (ha: string | undefined, roles: string[]) =>
  yaml(
    ...clusterHead,
    '  config:',
    ...(ha === undefined ? [] : [`    highAvailability: ${ha}`]),
    '    nodes:',
    ...roles.map((r, i) => `      - {hostname: n${i + 1}, roles: [${r}]}`),
  );

describe('ha-control-plane-count', () => {
  it('accepts HA with three control planes and non-HA with one', () => {
    expect(run(haControlPlaneCount, cluster('true', ['ControlPlane', 'ControlPlane', 'ControlPlane', 'Worker']))).toEqual([]);
    expect(run(haControlPlaneCount, cluster('false', ['ControlPlane', 'Worker', 'Worker']))).toEqual([]);
    expect(run(haControlPlaneCount, cluster(undefined, ['ControlPlane, Worker']))).toEqual([]);
    expect(run(haControlPlaneCount, cluster('true', Array(5).fill('ControlPlane')))).toEqual([]);
  });

  it('reports HA with fewer than three control planes as an error on highAvailability', () => {
    expect(run(haControlPlaneCount, cluster('true', ['ControlPlane', 'Master', 'Worker'])).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(6, 22, 6, 26),
        message: 'highAvailability needs at least 3 control-plane nodes, but there are 2 (n1 and n2). Add control-plane nodes or set highAvailability: false.',
      },
    ]);
    expect(run(haControlPlaneCount, cluster('true', ['ControlPlane']))[0].message).toContain('but there is 1 (n1)');
  });

  it('advises an odd count (info)', () => {
    expect(run(haControlPlaneCount, cluster('true', Array(4).fill('ControlPlane'))).map(brief)).toEqual([
      {
        severity: 'info',
        range: range(6, 22, 6, 26),
        message: '4 control-plane nodes: an odd number (3 or 5) is advised, since etcd needs a majority and an even count adds no fault tolerance.',
      },
    ]);
  });

  it('warns when several control planes run without HA: on the value, or on nodes when the key is absent', () => {
    expect(run(haControlPlaneCount, cluster('false', ['ControlPlane', 'ControlPlane'])).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(6, 22, 6, 27),
        message: '2 control-plane nodes (n1 and n2) but highAvailability is off: set highAvailability: true, or keep a single control-plane node.',
      },
    ]);
    const absent = run(haControlPlaneCount, cluster(undefined, ['ControlPlane', 'ControlPlane', 'ControlPlane']));
    expect(absent.map((f) => [f.severity, f.range])).toEqual([['warning', range(6, 4, 6, 9)]]);
  });

  it('offers to turn HA on only where three or more control planes make it valid', () => {
    expect(run(haControlPlaneCount, cluster('false', ['ControlPlane', 'ControlPlane']))[0].fixes).toBeUndefined();
    const off = cluster('false', ['ControlPlane', 'ControlPlane', 'ControlPlane']);
    const [offFinding] = run(haControlPlaneCount, off);
    expect(offFinding.fixes?.map((f) => f.title)).toEqual(['Set highAvailability: true']);
    expect(applyFix(off, offFinding)).toBe(cluster('true', ['ControlPlane', 'ControlPlane', 'ControlPlane']));
    const absent = cluster(undefined, ['ControlPlane', 'ControlPlane', 'ControlPlane']);
    const fixed = applyFix(absent, run(haControlPlaneCount, absent)[0]);
    expect(fixed).toBe(`${absent}    highAvailability: true\n`);
    expect(run(haControlPlaneCount, fixed)).toEqual([]);
  });

  it('treats a non-boolean highAvailability as off and stays quiet without control planes', () => {
    expect(run(haControlPlaneCount, cluster('"yes"', ['ControlPlane', 'ControlPlane']))[0].severity).toBe('warning');
    expect(run(haControlPlaneCount, cluster('true', ['Worker']))).toEqual([]);
  });
});
