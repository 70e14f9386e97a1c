import { describe, expect, it } from 'vitest';
import { proxy } from '../../server/src/engine/rules/proxy';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (...proxyLines: string[]) =>
  yaml(
    ...clusterHead,
    '  config:',
    '    network: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}',
    '  proxy:',
    ...proxyLines,
  );

describe('proxy', () => {
  it('accepts an enabled proxy whose noProxy covers the subnets (exactly or by a wider block)', () => {
    expect(run(proxy, cluster('    enabled: true', '    httpProxy: http://proxy:3128', '    noProxy: 10.244.0.0/16,10.96.0.0/12'))).toEqual([]);
    expect(run(proxy, cluster('    enabled: true', '    httpProxy: http://proxy:3128', '    noProxy: "localhost, 10.0.0.0/8, .svc"'))).toEqual([]);
  });

  it('ignores a disabled proxy', () => {
    expect(run(proxy, cluster('    enabled: false'))).toEqual([]);
    expect(run(proxy, cluster('    enabled: "true"'))).toEqual([]);
  });

  it('reports a missing httpProxy (error) and a noProxy without the subnets (warning)', () => {
    expect(run(proxy, cluster('    enabled: true', '    httpProxy: ""')).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(9, 4, 9, 13),
        message: 'The proxy is enabled but httpProxy is not set: add httpProxy: http://host:port, or set enabled: false.',
      },
      {
        severity: 'warning',
        range: range(7, 2, 7, 7),
        message: 'noProxy does not cover 10.244.0.0/16 and 10.96.0.0/12: traffic to pods and services would go through the proxy. Add them to noProxy.',
      },
    ]);
  });

  it('fixes noProxy by appending the missing subnets', () => {
    const text = cluster('    enabled: true', '    httpProxy: http://proxy:3128', '    noProxy: localhost,10.96.0.0/12  # keep');
    const findings = run(proxy, text);
    expect(findings.map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(10, 13, 10, 35),
        message: 'noProxy does not cover 10.244.0.0/16: traffic to pods and services would go through the proxy. Add it to noProxy.',
      },
    ]);
    expect(findings[0].fixes?.[0].title).toBe('Add 10.244.0.0/16 to noProxy');
    const fixed = applyFix(text, findings[0]);
    expect(fixed).toBe(cluster('    enabled: true', '    httpProxy: http://proxy:3128', '    noProxy: localhost,10.96.0.0/12,10.244.0.0/16  # keep'));
    expect(run(proxy, fixed)).toEqual([]);
  });

  it('adds a missing noProxy key, in block and in flow style', () => {
    const text = cluster('    enabled: true', '    httpProxy: http://proxy:3128');
    const [finding] = run(proxy, text);
    expect(finding.fixes?.[0].title).toBe('Add noProxy: 10.244.0.0/16,10.96.0.0/12');
    const fixed = applyFix(text, finding);
    expect(fixed).toBe(cluster('    enabled: true', '    httpProxy: http://proxy:3128', '    noProxy: 10.244.0.0/16,10.96.0.0/12'));
    expect(run(proxy, fixed)).toEqual([]);

    const flow = yaml(...clusterHead, '  config: {network: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}}', '  proxy: {enabled: true, httpProxy: "http://p:1"}');
    expect(applyFix(flow, run(proxy, flow)[0])).toBe(
      yaml(...clusterHead, '  config: {network: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}}', '  proxy: {enabled: true, httpProxy: "http://p:1", noProxy: "10.244.0.0/16,10.96.0.0/12"}'),
    );
    expect(run(proxy, applyFix(flow, run(proxy, flow)[0]))).toEqual([]);

    const flowValue = yaml(...clusterHead, '  config: {network: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}}', '  proxy: {enabled: true, httpProxy: "http://p:1", noProxy: localhost}');
    const fixedValue = applyFix(flowValue, run(proxy, flowValue)[0]);
    expect(fixedValue).toContain('noProxy: "localhost,10.244.0.0/16,10.96.0.0/12"}');
    expect(run(proxy, fixedValue)).toEqual([]);
  });

  it('offers no fix when noProxy has another type (the schema reports it)', () => {
    const findings = run(proxy, cluster('    enabled: true', '    httpProxy: http://p:1', '    noProxy: [localhost]'));
    expect(findings.map((f) => [f.range, f.fixes])).toEqual([[range(10, 13, 10, 24), undefined]]);
  });

  it('checks the IPv6 subnets too when the cluster is dual-stack', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    network: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12, ipv6: {podSubnet: "fd00:10::/56", serviceSubnet: "fd00:20::/112"}}',
      '  proxy: {enabled: true, httpProxy: "http://p:1", noProxy: "10.0.0.0/8,fd00::/16"}',
    );
    expect(run(proxy, text)).toEqual([]);
  });
});
