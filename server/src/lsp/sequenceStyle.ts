// Block sequences under a key come in two styles: indented (`roles:` then `  - Worker`, as the bundled examples
// write them and yaml-language-server inserts them) and indentless (`roles:` then `- Worker`, as kubectl and many
// Kubernetes files write them). A snippet inserted into a file should follow the file's style.

export type SequenceStyle = 'indented' | 'indentless';

const INDENT = /^ */;
const KEY_LINE = /^ *[^\s#-][^#]*:\s*(#.*)?$/;
const ITEM_LINE = /^ *- /;

const indentOf = (line: string) => INDENT.exec(line)![0].length;

/** The style most block sequences under a key in the text use; undefined when it has none. */
export function sequenceStyle(text: string): SequenceStyle | undefined {
  const lines = text.split('\n');
  let indented = 0;
  let indentless = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!ITEM_LINE.test(lines[i]) || !KEY_LINE.test(lines[i - 1])) continue;
    const item = indentOf(lines[i]);
    const key = indentOf(lines[i - 1]);
    if (item === key) indentless++;
    else if (item > key) indented++;
  }
  if (indented === 0 && indentless === 0) return undefined;
  return indentless > indented ? 'indentless' : 'indented';
}

/**
 * `snippet` with each block sequence under a key written indentless: the `- ` lines of such a sequence, and all the
 * lines of its items, move left to the key's indentation. Lines are relative to the insert position, as completion
 * text is; the first line (the rest of the cursor's line) is left alone.
 */
export function indentlessSequences(snippet: string): string {
  const lines = snippet.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!ITEM_LINE.test(lines[i]) || !KEY_LINE.test(lines[i - 1])) continue;
    const key = indentOf(lines[i - 1]);
    const shift = indentOf(lines[i]) - key;
    if (shift <= 0) continue;
    // The sequence runs while lines are deeper than the key (its items and their contents).
    for (let j = i; j < lines.length && (lines[j].trim() === '' || indentOf(lines[j]) > key); j++) {
      lines[j] = lines[j].slice(Math.min(shift, indentOf(lines[j])));
    }
  }
  return lines.join('\n');
}
