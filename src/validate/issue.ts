// The finding types moved to src/vocabulary/issue.ts (a leaf: json/, format/ and registry/ read them
// without importing validate/). This re-export serves only pipeline.ts, rule-runner.ts and rule.ts,
// which other work streams are rewriting this session; point them at ../vocabulary/issue.js and
// delete this file when those land.
export type { Issue, Severity, SeveritySetting } from "../vocabulary/issue.js";
