// A private key or passphrase written into a spec would be committed to Git with it: in a Credentials
// spec (spec.credentials.privateKey/passphrase) and, for the key passphrase, in a Cluster spec's SSH
// settings too (config.ssh, node ssh). The message names the field only: the secret never appears.
import type { Path } from '../yamlFile';
import { config, nodes, record, text } from '../support/clusterView';
import type { Rule, RuleFinding } from './rule';

const secrets: Readonly<Record<string, string>> = { privateKey: 'a private key', passphrase: 'a key passphrase' };

function plaintextSecrets(owner: unknown, path: Path, keys: readonly string[]): RuleFinding[] {
  const values = record(owner);
  if (!values) return [];
  return keys
    .filter((key) => Boolean(text(values[key])?.trim()))
    .map((key) => ({
      path: [...path, key],
      target: 'key' as const,
      message: `Security: this file holds ${secrets[key]} in plain text, which would be committed to Git. Remove ${key} from the file and provide it outside the repository (for example in Rafay's console or with rctl from a local file).`,
    }));
}

export const credentialsPlaintextSecret: Rule = {
  id: 'credentials-plaintext-secret',
  appliesTo: 'Credentials',
  defaultSeverity: 'warning',
  description: 'No plaintext privateKey or passphrase in a spec (it would be committed to Git).',
  check(spec) {
    return plaintextSecrets(record(spec.spec)?.credentials, ['spec', 'credentials'], ['privateKey', 'passphrase']);
  },
};

/** The same check on a Cluster spec, whose SSH settings take a passphrase (its key is a path, not a secret). */
export const clusterPlaintextSecret: Rule = {
  ...credentialsPlaintextSecret,
  appliesTo: 'Cluster',
  check(spec) {
    return [
      ...plaintextSecrets(config(spec).ssh, ['spec', 'config', 'ssh'], ['passphrase']),
      ...nodes(spec).flatMap((n) => plaintextSecrets(n.value.ssh, [...n.path, 'ssh'], ['passphrase'])),
    ];
  },
};
