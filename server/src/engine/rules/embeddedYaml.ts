// String fields that hold YAML (reference §3.3/§3.4: kubeletConfigurationOverrides is KubeletConfiguration
// fields as YAML text; controlPlaneOverrides.*.extraVolumes / extraVolumeMounts are YAML lists of Kubernetes
// Volumes / VolumeMounts): their YAML syntax is checked with each error on its line and column inside the
// string, and their shape (a map; a list of maps with the fields Kubernetes requires) is checked too.
import { isMap, isSeq } from 'yaml';
import { yamlTexts, type YamlText } from '../support/componentArgs';
import { embeddedYamlAt, type EmbeddedYaml } from '../support/embeddedYaml';
import type { Rule, RuleFinding } from './rule';

const FIELD: Record<YamlText['holds'], string> = {
  'kubelet-configuration': 'kubeletConfigurationOverrides',
  volumes: 'extraVolumes',
  'volume-mounts': 'extraVolumeMounts',
};

/** Fields the Kubernetes API requires of each list item (core/v1 Volume: name; VolumeMount: name, mountPath). */
const REQUIRED: Partial<Record<YamlText['holds'], string[]>> = { volumes: ['name'], 'volume-mounts': ['name', 'mountPath'] };

export const embeddedYaml: Rule = {
  id: 'embedded-yaml',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'kubeletConfigurationOverrides, extraVolumes and extraVolumeMounts hold valid YAML of the right shape (a map; a list of Volumes / VolumeMounts).',
  check(spec, context) {
    return yamlTexts(spec).flatMap((place) => {
      const embedded = embeddedYamlAt(context.file, context.document, place.path);
      return embedded ? checkText(place, embedded) : [];
    });
  },
};

function checkText(place: YamlText, embedded: EmbeddedYaml): RuleFinding[] {
  const field = FIELD[place.holds];
  const { source } = embedded;
  if (embedded.tooDeep !== undefined) {
    return [{ path: place.path, message: `${field} could not be read (${embedded.tooDeep}), so it is not checked.` }];
  }
  const errors = embedded.documents.flatMap((d) => d.errors);
  if (errors.length > 0) {
    // An error at the very end (an unclosed bracket or quote) goes on the last character of the text, not past it.
    const contentEnd = source.value.trimEnd().length;
    return errors.map((error) => ({
      path: place.path,
      range:
        error.pos[0] >= contentEnd
          ? source.range(Math.max(contentEnd - 1, 0), contentEnd)
          : source.range(error.pos[0], Math.min(Math.max(error.pos[1], error.pos[0] + 1), contentEnd)),
      message: `YAML syntax error in ${field}: ${error.message.split('\n')[0]}`,
    }));
  }
  const documents = embedded.documents.filter((d) => d.contents !== null);
  if (documents.length === 0) return [];
  if (documents.length > 1) {
    return [{ path: place.path, range: embedded.rangeOf(documents[1].contents), message: `${field} holds ${documents.length} YAML documents; it must be one.` }];
  }
  if (embedded.value === undefined) {
    return [{ path: place.path, message: `${field} could not be read (too many aliases, or a broken one), so it is not checked.` }];
  }
  const contents = documents[0].contents;
  if (place.holds === 'kubelet-configuration') {
    return isMap(contents)
      ? []
      : [{ path: place.path, severity: 'warning', range: embedded.rangeOf(contents), message: `${field} must be a map of KubeletConfiguration fields (e.g. maxPods: 110).` }];
  }
  const what = place.holds === 'volumes' ? 'Volumes' : 'VolumeMounts';
  if (!isSeq(contents)) {
    return [{ path: place.path, severity: 'warning', range: embedded.rangeOf(contents), message: `${field} must be a YAML list of Kubernetes ${what} ("- name: …").` }];
  }
  return contents.items.flatMap((item, index): RuleFinding[] => {
    if (!isMap(item)) {
      return [{ path: place.path, severity: 'warning', range: embedded.rangeOf(item as never), message: `${field} item ${index + 1} must be a map (a Kubernetes ${what.slice(0, -1)}).` }];
    }
    const missing = (REQUIRED[place.holds] ?? []).filter((key) => !item.has(key));
    return missing.length === 0
      ? []
      : [
          {
            path: place.path,
            severity: 'warning',
            range: embedded.rangeOf(item),
            message: `${field} item ${index + 1} lacks ${missing.join(' and ')}, which a Kubernetes ${what.slice(0, -1)} requires.`,
          },
        ];
  });
}
