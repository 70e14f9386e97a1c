// A proxy that is on needs httpProxy (reference §3.2, confirmed by the TF provider); traffic to pods and
// services must bypass it, so noProxy should cover the cluster subnets (§5.20, inferred: a warning).
import { cidrCovers, parseCidr, type Cidr } from '../net';
import { config, record, text } from '../support/clusterView';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { addScalar, replaceScalar } from '../support/yamlEdits';

const proxyPath = ['spec', 'proxy'];

export const proxy: Rule = {
  id: 'proxy',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'An enabled proxy has httpProxy, and its noProxy covers the pod and service subnets.',
  check(spec, context) {
    const settings = record(record(spec.spec)?.proxy);
    if (settings?.enabled !== true) return [];
    const findings: RuleFinding[] = [];
    if (!text(settings.httpProxy)?.trim()) {
      findings.push({
        path: [...proxyPath, 'httpProxy'],
        target: 'key',
        message: 'The proxy is enabled but httpProxy is not set: add httpProxy: http://host:port, or set enabled: false.',
      });
    }
    const uncovered = uncoveredSubnets(spec, text(settings.noProxy) ?? '');
    if (uncovered.length > 0) findings.push(noProxyFinding(context, settings, uncovered));
    return findings;
  },
};

/** The cluster subnets that no noProxy entry (an equal string or a covering CIDR) lets bypass the proxy. */
function uncoveredSubnets(spec: Record<string, unknown>, noProxy: string): Cidr[] {
  const network = record(config(spec).network) ?? {};
  const ipv6 = record(network.ipv6) ?? {};
  const entries = noProxy.split(',').map((e) => e.trim()).filter(Boolean);
  const entryCidrs = entries.map(parseCidr).filter((c): c is Cidr => c !== undefined);
  return [network.podSubnet, network.serviceSubnet, ipv6.podSubnet, ipv6.serviceSubnet]
    .map((v) => parseCidr(text(v) ?? ''))
    .filter((c): c is Cidr => c !== undefined)
    .filter((subnet) => !entries.includes(subnet.text) && !entryCidrs.some((e) => cidrCovers(e, subnet)));
}

function noProxyFinding(context: RuleContext, settings: Record<string, unknown>, uncovered: Cidr[]): RuleFinding {
  const missing = uncovered.map((c) => c.text);
  const message = `noProxy does not cover ${missing.join(' and ')}: traffic to pods and services would go through the proxy. Add ${missing.length > 1 ? 'them' : 'it'} to noProxy.`;
  const path = [...proxyPath, 'noProxy'];
  const present = 'noProxy' in settings;
  const current = text(settings.noProxy);
  const updated = [current?.trim().replace(/,$/, ''), ...missing].filter(Boolean).join(',');
  // A noProxy of another type is the schema's finding; rewriting it could drop what the user meant.
  const fix =
    current !== undefined
      ? { title: `Add ${missing.join(', ')} to noProxy`, edit: replaceScalar(context, path, updated) }
      : !present
        ? { title: `Add noProxy: ${updated}`, edit: addScalar(context, proxyPath, 'noProxy', updated) }
        : undefined;
  return {
    path,
    target: present ? 'value' : 'key',
    severity: 'warning',
    message,
    ...(fix?.edit ? { fixes: [{ title: fix.title, edits: [fix.edit], preferred: true }] } : {}),
  };
}
