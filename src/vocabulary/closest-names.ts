/**
 * Levenshtein distance between two strings (insertions, deletions, substitutions each cost 1).
 *
 * @example
 * editDistance("layers-emty", "layers-empty") // 1
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Up to `limit` known codes nearest to `code`, nearest first, among those within a third of its
 * length (at least 2 edits) — far-off codes would be noise, not suggestions.
 *
 * @example
 * closestCodes("layers-emty", ["layers-empty", "config-missing"]) // ["layers-empty"]
 */
export function closestCodes(code: string, known: readonly string[], limit = 3): string[] {
  const budget = Math.max(2, Math.floor(code.length / 3));
  return known
    .map((candidate) => ({ candidate, distance: editDistance(code, candidate) }))
    .filter(({ distance }) => distance <= budget)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
