// Rules read specs of any shape: whatever the values, no rule throws, every finding lands inside the
// text, and every fix leaves YAML that still parses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { rules } from '../../server/src/engine/rules';
import { CredentialsIndex } from '../../server/src/engine/workspaceIndex';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { applyEdits, run } from './helpers';

const anything = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('Exists', 'Equal', 'NoSchedule', 'NoExecute', 'PreferNoSchedule', 'ControlPlane', 'Master', 'Worker', 'Windows2022', '10.0.0.0/8', 'fd00::/8', '10.0.0.1', 22),
);
const taint = fc.record(
  { key: fc.oneof(fc.constantFrom('gpu', 'infra', 'a,b'), anything), value: anything, effect: fc.oneof(fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'), anything) },
  { requiredKeys: [] },
);
const subnet = fc.oneof(fc.constantFrom('10.244.0.0/16', '10.96.0.0/12', '10.0.0.0/8'), anything);
const node = fc.record(
  {
    hostname: fc.oneof(fc.constantFrom('a', 'b'), anything),
    privateIP: fc.oneof(fc.constantFrom('10.0.0.1', '10.244.0.9'), anything),
    privateip: anything,
    operatingSystem: fc.oneof(fc.constantFrom('Ubuntu22.04', 'Windows2019', 'ubuntu'), anything),
    arch: anything,
    roles: fc.oneof(fc.array(fc.constantFrom('ControlPlane', 'Worker', 'Master', 'Storage')), anything),
    labels: fc.oneof(fc.dictionary(fc.constantFrom('infra', 'zone'), fc.constantFrom('true', 'a')), anything),
    taints: fc.oneof(fc.array(taint, { maxLength: 3 }), anything),
    ssh: fc.oneof(fc.record({ port: anything }), anything),
  },
  { requiredKeys: [] },
);
const spec = fc.record(
  {
    cloudCredentials: anything,
    blueprint: anything,
    proxy: fc.oneof(fc.record({ enabled: fc.boolean(), httpProxy: anything, noProxy: fc.oneof(fc.constantFrom('localhost', '10.0.0.0/8,x'), anything) }, { requiredKeys: [] }), anything),
    systemComponentsPlacement: fc.oneof(
      fc.record(
        {
          nodeSelector: fc.oneof(fc.constant({ infra: 'true' }), anything),
          tolerations: fc.oneof(fc.array(fc.record({ key: anything, operator: anything, value: anything, effect: anything, tolerationSeconds: anything }, { requiredKeys: [] }), { maxLength: 3 }), anything),
          daemonSetOverride: fc.oneof(fc.record({ nodeSelectionEnabled: fc.boolean(), tolerations: anything }), anything),
        },
        { requiredKeys: [] },
      ),
      anything,
    ),
    config: fc.oneof(
      fc.record(
        {
          highAvailability: anything,
          dedicatedControlPlane: anything,
          k8sVersion: anything,
          kubernetesVersion: fc.oneof(fc.constantFrom('v1.22.1', 'v1.33.0', '1.34'), anything),
          network: fc.oneof(fc.record({ podSubnet: subnet, serviceSubnet: subnet, cni: anything, ipv6: anything }, { requiredKeys: [] }), anything),
          ssh: anything,
          nodes: fc.oneof(fc.array(node, { maxLength: 5 }), anything),
        },
        { requiredKeys: [] },
      ),
      anything,
    ),
  },
  { requiredKeys: [] },
);

describe('every rule on specs of any shape', () => {
  it('never throws, its findings lie inside the document, and its fixes keep the YAML valid', () => {
    const credentials = new CredentialsIndex();
    fc.assert(
      fc.property(spec, fc.record({ credentials: fc.oneof(anything, fc.record({ port: anything, privateKey: anything, passphrase: anything })) }), (clusterSpec, credentialsSpec) => {
        const cluster = stringify({ apiVersion: 'infra.k8smgmt.io/v3', kind: 'Cluster', metadata: { name: 'x' }, spec: { type: 'mks', ...clusterSpec } });
        const creds = stringify({ apiVersion: 'infra.k8smgmt.io/v3', kind: 'Credentials', spec: { provider: 'mks', ...credentialsSpec } });
        for (const [text, kind] of [[cluster, 'Cluster'], [creds, 'Credentials']] as const) {
          const lines = text.split('\n');
          for (const rule of rules.filter((r) => r.appliesTo === kind)) {
            for (const finding of run(rule, text, { credentials })) {
              expect(finding.message.length).toBeGreaterThan(0);
              const { start, end } = finding.range;
              expect(start.line).toBeLessThan(lines.length);
              expect(end.line).toBeLessThan(lines.length);
              for (const fix of finding.fixes ?? []) {
                const fixed = new YamlFile('file:///fixed.yaml', applyEdits(text, fix.edits));
                expect({ fix: fix.title, errors: fixed.documents[0].doc.errors.map((e) => e.message) }).toEqual({ fix: fix.title, errors: [] });
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
