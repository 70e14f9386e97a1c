// What the extension uses of the agent code once a command or a system-state read needs SSH. Built into its own
// bundle (dist/agent.js) and loaded on demand through ../sshActions/agentModule.ts, so activation does not load ssh2.
// Choosing the agent (agentConfig.ts) and the host-key policy (hostKeys.ts) open no connection and are imported
// directly; the CLI and the tests import the modules directly too.
export { applyCluster } from './apply';
export { ConnectionPool } from './pool';
export { DEFAULT_MAX_CLOCK_SKEW_SECONDS, preflightFindings, summaryText } from './preflight';
export { preflightCluster } from './preflightCluster';
export { exec, fill } from './remote';
export { clusterPaths, parseRecord, readAppliedFiles } from './remoteFiles';
