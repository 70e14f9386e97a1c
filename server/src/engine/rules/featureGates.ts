// `feature-gates` in the kubelet's and the control-plane components' flags (and `featureGates` in
// kubeletConfigurationOverrides), checked against the cluster's kubernetesVersion with the table generated
// from the Kubernetes docs (support/featureGateTable.ts). A component given a gate it does not know (removed,
// or not yet added in that release) or a locked gate set against its default refuses to start: an error on
// that gate. Deprecated gates warn; a name the table lacks warns with did-you-mean (the table could lag).
// Reference §11; value syntax as component-base's MapStringBool.Set reads it (support/featureGateList.ts).
import type { Range, TextEdit } from '../findings';
import { bestMatch } from '../didYouMean';
import { config, text } from '../support/clusterView';
import { componentName, flagMaps, flagName, yamlTexts } from '../support/componentArgs';
import { embeddedYamlAt } from '../support/embeddedYaml';
import { type GateEntry, parseFeatureGates, parseGoBool } from '../support/featureGateList';
import { coveredMinor, gateCitation, gateNames, gateStatus } from '../support/featureGateTable';
import { type ScalarSource, scalarSourceAt } from '../support/scalarSource';
import { isMap, isScalar } from 'yaml';
import type { Path } from '../yamlFile';
import { minorOf } from './kubernetesVersion';
import type { Rule, RuleContext, RuleFinding } from './rule';

/** One gate setting found in the spec, with where its name and value are. */
interface GateSetting {
  name: string;
  value: boolean;
  /** Where the flag value or config text lives (the finding's path). */
  path: Path;
  component: string;
  nameRange: Range;
  /** The edit that renames the gate in place, if the name is written as is. */
  rename?: (to: string) => TextEdit;
  /** The edit that drops this setting, if it can be made safely. */
  remove?: TextEdit;
}

export const featureGates: Rule = {
  id: 'feature-gates',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description:
    'feature-gates (kubelet, control-plane extraArgs, kubeletConfigurationOverrides) name gates that exist in the cluster\'s Kubernetes version, as name=true|false (setting mksGitops.knownFeatureGates).',
  check(spec, context) {
    const findings: RuleFinding[] = [];
    const settings = collect(spec, context, findings);
    if (settings.length === 0) return findings;
    const version = text(config(spec).kubernetesVersion);
    const minor = version === undefined ? undefined : minorOf(version);
    const first = settings[0];
    if (version === undefined || minor === undefined) {
      findings.push({
        path: first.path,
        severity: 'info',
        message:
          version === undefined
            ? 'Feature gates are not checked against a Kubernetes version: spec.config.kubernetesVersion is missing.'
            : `Feature gates are not checked against a Kubernetes version: "${version}" is not a version like v1.33.4.`,
      });
    }
    const minorNumber = minor === undefined ? undefined : Number(minor.split('.')[1]);
    if (minorNumber !== undefined && minorNumber > coveredMinor) {
      findings.push({
        path: first.path,
        severity: 'info',
        message: `The feature-gate table covers Kubernetes through v1.${coveredMinor} (${gateCitation}); gates added, deprecated or removed in ${minor} are not known, so ${minor} is checked with the v1.${coveredMinor} facts.`,
      });
    }
    const known = new Set(context.settings.knownFeatureGates ?? []);
    for (const gate of settings) {
      if (known.has(gate.name)) continue;
      findings.push(...judge(gate, minorNumber === undefined ? undefined : Math.min(minorNumber, coveredMinor), minor));
    }
    return findings;
  },
};

function judge(gate: GateSetting, minor: number | undefined, asked: string | undefined): RuleFinding[] {
  const where = `${componentName(gate.component)} feature gate ${gate.name}`;
  const status = gateStatus(gate.name, minor ?? coveredMinor);
  const at = { path: gate.path, range: gate.nameRange };
  if (status.kind === 'unknown') {
    const suggestion = bestMatch(gate.name, gateNames);
    return [
      {
        ...at,
        severity: 'warning',
        message: `Unknown ${where}: it is not in the Kubernetes feature-gate table (through v1.${coveredMinor}).${suggestion ? ` Did you mean ${suggestion}?` : ''} A component refuses to start on a gate it does not recognise; if this one is newer than the table, add it to mksGitops.knownFeatureGates.`,
        ...(suggestion && gate.rename ? { fixes: [{ title: `Change to ${suggestion}`, edits: [gate.rename(suggestion)], preferred: true }] } : {}),
      },
    ];
  }
  if (status.kind === 'renamed') {
    return [
      {
        ...at,
        severity: 'warning',
        message: `${where} was renamed to ${status.to} (Kubernetes docs); the old name is not recognised by releases after the rename.`,
        ...(gate.rename ? { fixes: [{ title: `Change to ${status.to}`, edits: [gate.rename(status.to)], preferred: true }] } : {}),
      },
    ];
  }
  if (minor === undefined) return [];
  const removeFix = gate.remove ? { fixes: [{ title: `Remove ${gate.name}`, edits: [gate.remove], preferred: true }] } : {};
  if (status.kind === 'removed') {
    const when = status.lastMinor === undefined ? 'was removed from Kubernetes' : `was removed in v1.${status.lastMinor + 1} (last release with it: v1.${status.lastMinor})`;
    return [
      {
        ...at,
        message: `${where} ${when}: the ${componentName(gate.component)} of ${asked} does not recognise it and refuses to start ("unrecognized feature gate").`,
        ...removeFix,
      },
    ];
  }
  if (status.kind === 'not-yet') {
    return [
      {
        ...at,
        message: `${where} first appears in v1.${status.from}: the ${componentName(gate.component)} of ${asked} does not recognise it and refuses to start ("unrecognized feature gate").`,
        ...removeFix,
      },
    ];
  }
  const since = `since v1.${status.since}`;
  if (status.locked && gate.value !== status.defaultValue) {
    return [
      {
        ...at,
        message: `${where} is locked to ${status.defaultValue} in ${asked} (${status.stage} ${since}): setting it to ${gate.value} makes the ${componentName(gate.component)} refuse to start.`,
        ...removeFix,
      },
    ];
  }
  if (status.stage === 'deprecated') {
    return [{ ...at, severity: 'warning', message: `${where} is deprecated in ${asked} (${since}); it will be removed in a later release.`, ...removeFix }];
  }
  if (status.stage === 'stable') {
    return [
      {
        ...at,
        severity: 'info',
        message: `${where} is GA in ${asked} (${since}, default ${status.defaultValue}); GA gates are removed a few releases later, and a component given a removed gate refuses to start.`,
      },
    ];
  }
  return [];
}

/** Every gate setting of the spec; malformed parts of a feature-gates value become findings on the spot. */
function collect(spec: Record<string, unknown>, context: RuleContext, findings: RuleFinding[]): GateSetting[] {
  const out: GateSetting[] = [];
  for (const map of flagMaps(spec)) {
    for (const key of Object.keys(map.flags)) {
      if (flagName(key) !== 'feature-gates') continue;
      const path = [...map.path, key];
      const source = scalarSourceAt(context.file, context.document, path);
      if (!source) continue; // not a string: the schema reports the type
      const entries = parseFeatureGates(source.value);
      for (const [i, entry] of entries.entries()) {
        if (entry.valueText === undefined || entry.value === undefined) {
          const shown = source.value.slice(entry.partStart, entry.partEnd).trim();
          findings.push({
            path,
            range: source.range(entry.valueText === undefined ? entry.nameStart : entry.valueStart, entry.valueText === undefined ? entry.nameEnd : entry.valueEnd),
            message:
              entry.valueText === undefined
                ? `"${shown}" in ${componentName(map.component)} feature-gates is not name=true|false: the component refuses to start ("malformed pair, expect string=bool").`
                : `"${entry.valueText}" is not a boolean for feature gate ${entry.name} (${componentName(map.component)}): use true or false; the component refuses to start on it.`,
          });
          continue;
        }
        const nameEdit = source.editable(entry.nameStart, entry.nameEnd);
        out.push({
          name: entry.name,
          value: entry.value,
          path,
          component: map.component,
          nameRange: source.range(entry.nameStart, entry.nameEnd),
          ...(nameEdit ? { rename: (to: string) => ({ range: nameEdit, newText: to }) } : {}),
          ...removal(source, entries, i),
        });
      }
    }
  }
  for (const place of yamlTexts(spec)) {
    if (place.holds !== 'kubelet-configuration') continue;
    const embedded = embeddedYamlAt(context.file, context.document, place.path);
    const contents = embedded?.documents[0]?.contents;
    if (!embedded || !isMap(contents)) continue;
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'featureGates');
    if (!pair || !isMap(pair.value)) continue;
    for (const item of pair.value.items) {
      if (!isScalar(item.key)) continue;
      const name = String(item.key.value);
      const raw = isScalar(item.value) ? item.value.value : undefined;
      const value = typeof raw === 'boolean' ? raw : typeof raw === 'string' ? parseGoBool(raw) : undefined;
      if (value === undefined) {
        findings.push({
          path: place.path,
          range: embedded.rangeOf(isScalar(item.value) ? item.value : item.key),
          message: `featureGates.${name} in kubeletConfigurationOverrides must be true or false: the kubelet refuses a configuration it cannot decode.`,
        });
        continue;
      }
      const keyRange = item.key.range;
      const editable = keyRange ? embedded.source.editable(keyRange[0], keyRange[1]) : undefined;
      out.push({
        name,
        value,
        path: place.path,
        component: 'kubelet',
        nameRange: embedded.rangeOf(item.key),
        ...(editable && item.key.type === 'PLAIN' ? { rename: (to: string) => ({ range: editable, newText: to }) } : {}),
      });
    }
  }
  return out;
}

/** The edit that drops entry i of a feature-gates value (with one comma), or the whole value when it is the only one. */
function removal(source: ScalarSource, entries: GateEntry[], i: number): { remove?: TextEdit } {
  const entry = entries[i];
  if (entries.length === 1) return { remove: { range: source.whole, newText: '""' } };
  const next = entries[i + 1];
  const previous = entries[i - 1];
  const span = next ? source.editable(entry.partStart, next.partStart) : source.editable(previous.partEnd, entry.partEnd);
  return span ? { remove: { range: span, newText: '' } } : {};
}
