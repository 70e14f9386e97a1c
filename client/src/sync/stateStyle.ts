// How each cluster state looks: one word, a ThemeIcon id and a theme color id (plain data; the adapter
// turns them into vscode.ThemeIcon / ThemeColor).
import type { ClusterState } from './clusterState';

export interface Icon {
  id: string;
  color?: string;
}

export interface StateStyle {
  /** The short description next to the cluster (a word or two). */
  word: string;
  /** A sentence for tooltips and the status bar. */
  meaning: string;
  icon: Icon;
}

export const stateStyles: Record<ClusterState, StateStyle> = {
  'in-sync': {
    word: 'synced',
    meaning: 'The file, Git HEAD and the system agree.',
    icon: { id: 'pass-filled', color: 'testing.iconPassed' },
  },
  modified: {
    word: 'modified',
    meaning: 'The file has changes that are not committed to Git.',
    icon: { id: 'diff-modified', color: 'gitDecoration.modifiedResourceForeground' },
  },
  untracked: {
    word: 'not in Git',
    meaning: 'The file, or this cluster in it, is not committed to Git yet.',
    icon: { id: 'diff-added', color: 'gitDecoration.untrackedResourceForeground' },
  },
  'not-applied': {
    word: 'pending',
    meaning: 'Committed to Git but not applied to the system yet.',
    icon: { id: 'cloud-upload', color: 'charts.blue' },
  },
  drifted: {
    word: 'drifted',
    meaning: 'The system differs from what Git holds.',
    icon: { id: 'warning', color: 'charts.orange' },
  },
  'not-in-system': {
    word: 'new',
    meaning: 'The system has no such cluster yet.',
    icon: { id: 'circle-large-outline', color: 'charts.purple' },
  },
  unreachable: {
    word: 'unreachable',
    meaning: 'The agent host could not be reached, so the system state is unknown.',
    icon: { id: 'debug-disconnect', color: 'problemsWarningIcon.foreground' },
  },
  'auth-failed': {
    word: 'auth failed',
    meaning: 'The agent host refused the login (key, passphrase, ssh-agent or host key), so the system state is unknown.',
    icon: { id: 'lock', color: 'problemsErrorIcon.foreground' },
  },
  'needs-passphrase': {
    word: 'needs passphrase',
    meaning: 'The SSH key is encrypted and its passphrase is not stored; "Enter Passphrase" asks for it.',
    icon: { id: 'key', color: 'problemsWarningIcon.foreground' },
  },
  'status-unavailable': {
    word: 'no status',
    meaning: 'The status command is missing on the agent host or failed, so the system state is unknown.',
    icon: { id: 'question', color: 'problemsWarningIcon.foreground' },
  },
  invalid: {
    word: 'invalid',
    meaning: 'The spec has errors; it cannot be applied.',
    icon: { id: 'error', color: 'problemsErrorIcon.foreground' },
  },
  unknown: {
    word: 'unchecked',
    meaning: 'The system has not been asked.',
    icon: { id: 'question', color: 'disabledForeground' },
  },
};
