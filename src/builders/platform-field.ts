import type { Descriptor } from "../validate/index.js";
import { ruleFindings } from "../validate/rule-message.js";
import { platformRules } from "../validate/rules/platform.js";
import { BuildError, fieldPath } from "./build-error.js";
import type { BuiltPlatform } from "./document-types.js";
import { describe } from "./media-type-field.js";

const PLATFORM_MEMBERS = new Set(["architecture", "os", "os.version", "os.features", "variant"]);

/**
 * Checks a `platform` object and returns it with its members in Go's order. image-spec
 * image-index.md: `architecture` and `os` are REQUIRED strings; `os.version`, `os.features` (an array
 * of strings) and `variant` are OPTIONAL. `features` is reserved ("This property is RESERVED for
 * future versions of the specification"), so the builders refuse it, as they refuse any other member.
 * Values must be portable: a GOARCH `architecture`, a GOOS `os`, and for arm and arm64 a `variant`
 * from image-spec's table ("Image indexes SHOULD use … values listed in the Go Language document").
 *
 * @throws {BuildError} naming the offending member.
 */
export function checkPlatform(value: unknown, field: string): BuiltPlatform {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BuildError(
      field,
      `must be an object like { architecture: "amd64", os: "linux" }, got ${describe(value)}`,
    );
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!PLATFORM_MEMBERS.has(key) && input[key] !== undefined) {
      throw new BuildError(
        fieldPath(field, key),
        `is not a platform property the image-spec defines for writing; use architecture, os, os.version, os.features or variant`,
      );
    }
  }
  const platform: BuiltPlatform = {
    architecture: requiredName(input.architecture, fieldPath(field, "architecture"), '"amd64", "arm64"'),
    os: requiredName(input.os, fieldPath(field, "os"), '"linux", "windows"'),
  };
  const osVersion = optionalName(input["os.version"], fieldPath(field, "os.version"));
  if (osVersion !== undefined) platform["os.version"] = osVersion;
  const osFeatures = input["os.features"];
  if (osFeatures !== undefined) {
    if (
      !Array.isArray(osFeatures) ||
      osFeatures.some((feature) => typeof feature !== "string" || feature === "")
    ) {
      throw new BuildError(
        fieldPath(field, "os.features"),
        'must be an array of non-empty strings, e.g. ["win32k"]',
      );
    }
    if (osFeatures.length > 0) platform["os.features"] = [...osFeatures];
  }
  const variant = optionalName(input.variant, fieldPath(field, "variant"));
  if (variant !== undefined) platform.variant = variant;
  checkPortable(platform, field);
  return platform;
}

/**
 * Runs the validators' platform rules (GOARCH and GOOS values, image-spec's variant table), which
 * warn on what is not portable; a strict writer refuses instead.
 */
function checkPortable(platform: BuiltPlatform, field: string): void {
  const descriptor = { platform } as Descriptor;
  for (const rule of platformRules) {
    for (const { path, message } of ruleFindings(rule, descriptor)) {
      const member = path.replace(/^\/platform\/?/, "");
      throw new BuildError(
        member === "" ? field : fieldPath(field, member),
        `${message}; the builders write only the portable values image-spec asks for`,
      );
    }
  }
}

function requiredName(value: unknown, field: string, examples: string): string {
  if (typeof value !== "string" || value === "") {
    throw new BuildError(
      field,
      `is required and must be a non-empty string such as ${examples}, got ${describe(value)}`,
    );
  }
  return value;
}

function optionalName(value: unknown, field: string): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw new BuildError(field, `must be a string, got ${describe(value)}`);
  return value;
}
