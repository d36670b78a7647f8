// The flags Chromium runs with in tests and in the bench (plain ESM, so bench/*.mjs can import it):
// headless, no sandbox (CI runs as root), and nothing that reaches the network on its own
// (component updates, sync, background fetches, first-run pages).
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
