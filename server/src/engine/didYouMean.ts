// "Did you mean …?": ranks known names by how close they are to what the user typed.

/**
 * The candidates close enough to `typed`, best first. A case-insensitive match is best; otherwise
 * the edit distance (with transpositions) must stay within a budget that grows with the word length,
 * so short words only tolerate one slip and nothing far-fetched is ever suggested.
 */
export function didYouMean(typed: string, candidates: Iterable<string>): string[] {
  const lowered = typed.toLowerCase();
  const budget = maxDistance(typed.length);
  const ranked: { name: string; score: number; prefix: boolean }[] = [];
  for (const name of candidates) {
    if (name === typed) continue;
    const other = name.toLowerCase();
    const score = other === lowered ? 0 : editDistance(lowered, other, budget);
    if (score <= budget) ranked.push({ name, score, prefix: other.startsWith(lowered) || lowered.startsWith(other) });
  }
  ranked.sort((a, b) => a.score - b.score || Number(b.prefix) - Number(a.prefix) || a.name.localeCompare(b.name));
  return ranked.map((r) => r.name);
}

/** The single best suggestion, if any. */
export function bestMatch(typed: string, candidates: Iterable<string>): string | undefined {
  return didYouMean(typed, candidates)[0];
}

function maxDistance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). Gives up early and
 * returns `limit + 1` once every cell of a row exceeds `limit`, so long unrelated names cost little.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length];
}
