// A private key or passphrase written into a Credentials spec would be committed to Git with it. The
// message names the field only: the secret itself never appears in a finding.
import { record, text } from './clusterView';
import type { Rule, RuleFinding } from './rule';

const secrets = [
  { key: 'privateKey', what: 'a private key' },
  { key: 'passphrase', what: 'a key passphrase' },
] as const;

export const credentialsPlaintextSecret: Rule = {
  id: 'credentials-plaintext-secret',
  appliesTo: 'Credentials',
  defaultSeverity: 'warning',
  description: 'A Credentials spec holds no plaintext privateKey or passphrase (it would be committed to Git).',
  check(spec) {
    const credentials = record(record(spec.spec)?.credentials);
    if (!credentials) return [];
    return secrets
      .filter(({ key }) => Boolean(text(credentials[key])?.trim()))
      .map(({ key, what }): RuleFinding => ({
        path: ['spec', 'credentials', key],
        target: 'key',
        message: `Security: this file holds ${what} in plain text, which would be committed to Git. Remove ${key} from the file and provide it outside the repository (for example in Rafay's console or with rctl from a local file).`,
      }));
  },
};
