// Every handler runs behind this guard: a bug or bad input is logged to the client's output and
// answered with an empty result, so one failing request never takes the server down.
import type { RemoteConsole } from 'vscode-languageserver/node';

export function guarded<P extends unknown[], R>(
  console: RemoteConsole,
  name: string,
  fallback: R,
  handler: (...params: P) => R | Promise<R>,
): (...params: P) => Promise<R> {
  return async (...params: P) => {
    try {
      return await handler(...params);
    } catch (error) {
      console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}
