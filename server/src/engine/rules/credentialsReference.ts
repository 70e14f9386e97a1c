// spec.cloudCredentials should name a Credentials spec of the cluster's project, or one shared with it
// (reference §4: "same project or shared"); a same-named credential in the cluster's own project wins
// (CredentialsIndex.resolve, which go-to-definition uses too). A name found nowhere may exist only in
// Rafay, so that miss is advice (info); found only in other projects without sharing is a warning (the
// controller would not resolve it for this project; inferred from §4, so not an error). Without a workspace
// index the rule stays quiet.
import { nameList, record, text } from '../support/clusterView';
import type { Rule } from './rule';

export const credentialsReference: Rule = {
  id: 'credentials-reference',
  appliesTo: 'Cluster',
  defaultSeverity: 'info',
  description: "spec.cloudCredentials names a Credentials spec found in the workspace, in the cluster's project or shared with it.",
  check(spec, context) {
    const name = text(record(spec.spec)?.cloudCredentials)?.trim();
    if (!name || !context.credentials) return [];
    const project = text(record(spec.metadata)?.project)?.trim() || undefined;
    const { resolved, otherProjects } = context.credentials.resolve(name, project);
    if (resolved.length > 0) return [];
    if (otherProjects.length > 0) {
      const projects = nameList([...new Set(otherProjects.map((c) => c.project ?? ''))]);
      return [
        {
          path: ['spec', 'cloudCredentials'],
          severity: 'warning',
          message: `Credentials spec ${name} is in project ${projects}, not in this cluster's project ${project}, and is not shared with it: shared credentials need spec.sharing (enabled: true, projects: [{name: ${project}}]) on the Credentials spec, or add a Credentials spec ${name} to project ${project}.`,
        },
      ];
    }
    return [
      {
        path: ['spec', 'cloudCredentials'],
        message: `No Credentials spec named ${name} was found in the workspace; if it exists only in Rafay that is fine, otherwise add an MKS Credentials spec with metadata.name: ${name}.`,
      },
    ];
  },
};
