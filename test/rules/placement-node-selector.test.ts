import { describe, expect, it } from 'vitest';
import { placementNodeSelector } from '../../server/src/engine/rules/placementNodeSelector';
import { brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (placement: string[]) =>
  yaml(
    ...clusterHead,
    '  config:',
    '    nodes:',
    '      - {hostname: cp-1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}',
    '      - {hostname: wk-1, arch: arm64, operatingSystem: Windows2022, roles: [Worker], labels: {infra: "true", zone: a}}',
    '  systemComponentsPlacement:',
    ...placement,
  );

describe('placement-node-selector', () => {
  it('accepts a selector that matches a node by its labels', () => {
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {infra: "true"}']))).toEqual([]);
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {infra: "true", zone: a}']))).toEqual([]);
  });

  it('knows the labels Kubernetes sets itself (hostname, arch, os)', () => {
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {kubernetes.io/hostname: cp-1}']))).toEqual([]);
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {kubernetes.io/arch: arm64, kubernetes.io/os: windows}']))).toEqual([]);
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {kubernetes.io/os: linux, infra: "true"}']))).toHaveLength(1);
  });

  it('reports a selector no node matches, on the nodeSelector key', () => {
    expect(run(placementNodeSelector, cluster(['    nodeSelector:', '      infra: "true"', '      zone: b'])).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(10, 4, 10, 16),
        message:
          "No node has all the labels of nodeSelector (infra=true, zone=b), so Rafay's system components cannot be scheduled: add these labels to at least one node or change the selector.",
      },
    ]);
  });

  it('reads label values of other scalar types as text, and ignores an empty or missing selector', () => {
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {infra: true}']))).toEqual([]);
    expect(run(placementNodeSelector, cluster(['    nodeSelector: {}']))).toEqual([]);
    expect(run(placementNodeSelector, cluster(['    tolerations: []']))).toEqual([]);
    expect(run(placementNodeSelector, cluster(['    nodeSelector: [infra]']))).toEqual([]);
  });
});
