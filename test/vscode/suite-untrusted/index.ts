// Entry point of the second pass: the extension host of a VS Code started with workspace trust on (restricted mode).
import { runFolder } from '../suite/index';

export function run(): Promise<void> {
  return runFolder(__dirname);
}
