// What Git says about one spec file: the branch and commit, and the file's text at HEAD.

export type GitSnapshot =
  | {
      kind: 'tracked';
      branch?: string;
      /** Full commit id of HEAD. */
      commit?: string;
      /** The file's text at HEAD. */
      headText: string;
      /** The working-tree text differs from HEAD (textually; the cluster state compares semantically). */
      dirty: boolean;
      upstream?: string;
      ahead?: number;
      behind?: number;
    }
  | { kind: 'untracked'; branch?: string; commit?: string }
  | { kind: 'no-repository' }
  | { kind: 'error'; reason: string };

export const shortCommit = (commit: string | undefined): string | undefined => commit?.slice(0, 7);
