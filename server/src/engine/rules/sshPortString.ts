// SSH ports are strings in the API (reference §3.3, §4, §5.21): `port: 22` would be sent as a number.
// The same check runs on Cluster specs (config.ssh, node ssh) and Credentials specs, under one id.
import type { Path } from '../yamlFile';
import { config, nodes, record } from '../support/clusterView';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { replaceValue } from '../support/yamlEdits';

const description = 'SSH ports are quoted strings ("22"), as the API expects.';

function portFinding(context: RuleContext, owner: unknown, path: Path): RuleFinding[] {
  const port = record(owner)?.port;
  if (typeof port !== 'number') return [];
  const quoted = `"${port}"`;
  return [
    {
      path,
      message: `The SSH port must be a string: write ${quoted} instead of ${port}.`,
      fixes: [{ title: `Quote the port: ${quoted}`, edits: [replaceValue(context, path, quoted)], preferred: true }],
    },
  ];
}

export const sshPortString: Rule = {
  id: 'ssh-port-string',
  appliesTo: 'Cluster',
  defaultSeverity: 'warning',
  description,
  check(spec, context) {
    return [
      ...portFinding(context, config(spec).ssh, ['spec', 'config', 'ssh', 'port']),
      ...nodes(spec).flatMap((n) => portFinding(context, n.value.ssh, [...n.path, 'ssh', 'port'])),
    ];
  },
};

export const credentialsPortString: Rule = {
  ...sshPortString,
  appliesTo: 'Credentials',
  check(spec, context) {
    return portFinding(context, record(record(spec.spec)?.credentials), ['spec', 'credentials', 'port']);
  },
};
