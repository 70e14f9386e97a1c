// Node/V8 options the language server process is started with: by the extension (client/src/languageClient.ts)
// and, to measure what users get, by the bench. Parsing a large spec allocates tens of MB of short-lived CST and
// strings at once; V8's young generation starts at 1 MiB and grows only as it fills, so a freshly started server
// ran ~45 scavenges for its first 1,000-node parse. Starting it at 16 MiB (at most 32 MiB) takes ~19, about half
// the GC time, for ~30 MiB more peak memory (measured with --trace-gc, bench/RESULTS.md).
export const SERVER_NODE_OPTIONS: readonly string[] = ['--min-semi-space-size=16', '--max-semi-space-size=32'];
