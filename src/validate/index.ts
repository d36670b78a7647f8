export type { Issue, Severity, SeveritySetting } from "./issue.js";
export type { Report, Rule, RuleContext } from "./rule.js";
export type { DocumentKind, Preset, ValidateOptions, ValidationLimits, ValidationResult } from "./types.js";
