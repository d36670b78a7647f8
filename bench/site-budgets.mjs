// The playground's budgets (issue #19), checked by `npm run bench -- --check` beside the library's
// (bench/budgets.mjs). Data, one row each; measured by bench/site.mjs.
//   JavaScript: 236 KB gzipped when set (VitePress framework and theme ~60 KB, the library ~63 KB,
//   CodeMirror with JSON and lint plus the playground ~112 KB).
//   First verdict: 0.6–2.1 s (median 1.0 s) on the shared 2-core machine while other builds ran.
export const siteBudgets = {
  playgroundJsGzippedBytes: 260 * 1024,
  playgroundFirstVerdictMs: 2500,
};

/** Each playground budget with the measured value and whether it holds; none when the site was skipped. */
export function checkSiteBudgets(site) {
  if (site === undefined || site.skipped !== undefined) return [];
  return [
    {
      name: "playground JavaScript, gzipped (bytes)",
      actual: String(site.javascript.gzippedBytes),
      limit: `≤ ${siteBudgets.playgroundJsGzippedBytes}`,
      ok: site.javascript.gzippedBytes <= siteBudgets.playgroundJsGzippedBytes,
    },
    {
      name: "playground first verdict in Chromium, median (ms)",
      actual: site.firstVerdictMs.toFixed(0),
      limit: `≤ ${siteBudgets.playgroundFirstVerdictMs}`,
      ok: site.firstVerdictMs <= siteBudgets.playgroundFirstVerdictMs,
    },
  ];
}
