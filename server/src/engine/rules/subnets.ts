// Pod and service subnets must not overlap each other or any node address (reference §5.12, inferred:
// warnings). Whether each value is a CIDR of the right family (IPv4 at network.*, IPv6 under
// network.ipv6) is the schema's `format` check; this rule only compares the values that parse.
import { cidrContains, cidrsOverlap, parseCidr, parseIp, type Cidr, type Family } from '../net';
import type { Path } from '../yamlFile';
import { config, nodeName, nodes, record, text } from '../support/clusterView';
import type { Rule, RuleFinding } from './rule';

interface Subnet {
  name: string;
  path: Path;
  cidr: Cidr;
}

export const subnets: Rule = {
  id: 'subnets',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description: 'podSubnet and serviceSubnet (IPv4 and IPv6) do not overlap each other or any node privateIP.',
  check(spec) {
    const network = record(config(spec).network) ?? {};
    const ipv6 = record(network.ipv6) ?? {};
    // A block of the wrong family is the schema's format error: it is left out of the comparisons.
    const read = (name: string, path: Path, value: unknown, family: Family): Subnet | undefined => {
      const cidr = parseCidr(text(value) ?? '');
      return cidr?.family === family ? { name, path, cidr } : undefined;
    };
    const base = ['spec', 'config', 'network'];
    const pod = read('podSubnet', [...base, 'podSubnet'], network.podSubnet, 'ipv4');
    const service = read('serviceSubnet', [...base, 'serviceSubnet'], network.serviceSubnet, 'ipv4');
    const pod6 = read('ipv6.podSubnet', [...base, 'ipv6', 'podSubnet'], ipv6.podSubnet, 'ipv6');
    const service6 = read('ipv6.serviceSubnet', [...base, 'ipv6', 'serviceSubnet'], ipv6.serviceSubnet, 'ipv6');
    const findings: RuleFinding[] = [];

    for (const [a, b] of [[pod, service], [pod6, service6]]) {
      if (a && b && cidrsOverlap(a.cidr, b.cidr)) {
        findings.push({
          path: b.path,
          message: `${b.name} ${b.cidr.text} overlaps ${a.name} ${a.cidr.text}: pods and services need separate address ranges.`,
        });
      }
    }
    const parsed = [pod, service, pod6, service6].filter((s): s is Subnet => s !== undefined);
    if (parsed.length === 0) return findings;
    for (const node of nodes(spec)) {
      const address = node.privateIP === undefined ? undefined : parseIp(node.privateIP);
      if (!address) continue;
      for (const subnet of parsed) {
        if (cidrContains(subnet.cidr, address)) {
          findings.push({
            path: node.privateIPPath,
            message: `privateIP ${node.privateIP} of ${nodeName(node)} lies inside ${subnet.name} ${subnet.cidr.text}: choose a ${subnet.name} that does not contain node addresses.`,
          });
        }
      }
    }
    return findings;
  },
};
