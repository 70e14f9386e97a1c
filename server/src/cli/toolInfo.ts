// The CLI's name, version and home page, from the package manifest (bundled at build time).
import manifest from '../../../package.json';

export const toolName = 'mks-gitops';
export const toolVersion: string = manifest.version;
/** Absent until the manifest names a public home page. */
export const toolHomepage: string | undefined = (manifest as { homepage?: string }).homepage;
