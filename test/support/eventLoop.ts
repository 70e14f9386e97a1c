// A long property test run synchronously blocks its vitest worker: under load its RPC to the main process
// ("onTaskUpdate") can time out and the run fails although every test passed. Awaiting a macrotask between
// runs lets the worker answer.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
