// Every cross-field rule, registered once. Add a rule: one file in this folder, one line here, one test file.
import { controlPlaneRequired } from './controlPlaneRequired';
import { clusterPlaintextSecret, credentialsPlaintextSecret } from './credentialsPlaintextSecret';
import { credentialsReference } from './credentialsReference';
import { dedicatedControlPlane } from './dedicatedControlPlane';
import { duplicateHostname } from './duplicateHostname';
import { duplicatePrivateIp } from './duplicatePrivateIp';
import { embeddedYaml } from './embeddedYaml';
import { featureGates } from './featureGates';
import { haControlPlaneCount } from './haControlPlaneCount';
import { kubeletFlagConflict } from './kubeletFlagConflict';
import { kubernetesVersion } from './kubernetesVersion';
import { legacyNames } from './legacyNames';
import { operatingSystem } from './operatingSystem';
import { placementNodeSelector } from './placementNodeSelector';
import { placementTolerations } from './placementTolerations';
import { proxy } from './proxy';
import type { Rule } from './rule';
import { credentialsPortString, sshPortString } from './sshPortString';
import { sshSource } from './sshSource';
import { subnets } from './subnets';
import { tolerationSemantics } from './tolerationSemantics';
import { windowsNodes } from './windowsNodes';

export const rules: readonly Rule[] = [
  controlPlaneRequired,
  haControlPlaneCount,
  dedicatedControlPlane,
  duplicateHostname,
  duplicatePrivateIp,
  subnets,
  placementNodeSelector,
  placementTolerations,
  tolerationSemantics,
  windowsNodes,
  proxy,
  sshSource,
  sshPortString,
  credentialsPortString,
  kubernetesVersion,
  operatingSystem,
  legacyNames,
  credentialsPlaintextSecret,
  clusterPlaintextSecret,
  credentialsReference,
  featureGates,
  embeddedYaml,
  kubeletFlagConflict,
];
