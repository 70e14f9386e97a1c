// spec.cloudCredentials should name a Credentials spec the workspace holds; it may also exist only in
// Rafay, so a miss is advice (info), and without a workspace index the rule stays quiet.
import { record, text } from '../support/clusterView';
import type { Rule } from './rule';

export const credentialsReference: Rule = {
  id: 'credentials-reference',
  appliesTo: 'Cluster',
  defaultSeverity: 'info',
  description: 'spec.cloudCredentials names a Credentials spec found in the workspace.',
  check(spec, context) {
    const name = text(record(spec.spec)?.cloudCredentials)?.trim();
    if (!name || !context.credentials || context.credentials.find(name).length > 0) return [];
    return [
      {
        path: ['spec', 'cloudCredentials'],
        message: `No Credentials spec named ${name} was found in the workspace; if it exists only in Rafay that is fine, otherwise add an MKS Credentials spec with metadata.name: ${name}.`,
      },
    ];
  },
};
