import { describe, expect, it } from 'vitest';
import { subnets } from '../../server/src/engine/rules/subnets';
import { brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (network: string[], nodes: string[] = ['      - {hostname: a, privateIP: 10.0.0.1}']) =>
  yaml(...clusterHead, '  config:', '    network:', ...network, '    nodes:', ...nodes);

describe('subnets', () => {
  it('accepts separate pod, service and node ranges (dual stack too)', () => {
    const text = cluster([
      '      podSubnet: 10.244.0.0/16',
      '      serviceSubnet: 10.96.0.0/12',
      '      ipv6: {podSubnet: "2001:db8:42:0::/56", serviceSubnet: "2001:db8:42:100::/112"}',
    ]);
    expect(run(subnets, text)).toEqual([]);
  });

  it('catches the overlap in the well-known dual-stack example (2001:db8:42:1::/112 lies inside 2001:db8:42:0::/56)', () => {
    const text = cluster(['      ipv6: {podSubnet: "2001:db8:42:0::/56", serviceSubnet: "2001:db8:42:1::/112"}'], []);
    expect(run(subnets, text).map((f) => f.range)).toEqual([range(7, 61, 7, 82)]);
  });

  it('reports overlapping pod and service subnets on serviceSubnet', () => {
    const text = cluster(['      podSubnet: 10.0.0.0/8', '      serviceSubnet: 10.96.0.0/12'], []);
    expect(run(subnets, text).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(8, 21, 8, 33),
        message: 'serviceSubnet 10.96.0.0/12 overlaps podSubnet 10.0.0.0/8: pods and services need separate address ranges.',
      },
    ]);
  });

  it('reports overlapping IPv6 subnets', () => {
    const text = cluster(['      ipv6:', '        podSubnet: "2001:db8::/32"', '        serviceSubnet: "2001:db8:42:1::/112"'], []);
    expect(run(subnets, text).map((f) => [f.range, f.message])).toEqual([
      [
        range(9, 23, 9, 44),
        'ipv6.serviceSubnet 2001:db8:42:1::/112 overlaps ipv6.podSubnet 2001:db8::/32: pods and services need separate address ranges.',
      ],
    ]);
  });

  it('reports node addresses inside a subnet, on the node privateIP', () => {
    const text = cluster(
      ['      podSubnet: 10.244.0.0/16', '      serviceSubnet: 10.96.0.0/12'],
      ['      - {hostname: a, privateIP: 10.244.3.4}', '      - {privateIP: 10.100.0.1}', '      - {hostname: c, privateIP: 192.168.1.1}'],
    );
    expect(run(subnets, text).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(10, 33, 10, 43),
        message: 'privateIP 10.244.3.4 of a lies inside podSubnet 10.244.0.0/16: choose a podSubnet that does not contain node addresses.',
      },
      {
        severity: 'warning',
        range: range(11, 20, 11, 30),
        message: 'privateIP 10.100.0.1 of node #2 lies inside serviceSubnet 10.96.0.0/12: choose a serviceSubnet that does not contain node addresses.',
      },
    ]);
  });

  it('leaves values that are not CIDRs (or of the wrong family) to the schema', () => {
    const text = cluster(
      ['      podSubnet: 10.244.0.0', '      serviceSubnet: banana', '      ipv6: {podSubnet: 10.0.0.0/8, serviceSubnet: 10.0.0.0/16}'],
      ['      - {hostname: a, privateIP: 10.244.0.1}'],
    );
    expect(run(subnets, text)).toEqual([]);
    expect(run(subnets, cluster(['      podSubnet: 10.1/8', '      serviceSubnet: 10.0.0.0/33'], ['      - {privateIP: 10.0.0.1}']))).toEqual([]);
  });
});
