import { isJsonObject, type JsonObject } from "../kinds.js";
import { annotationsAreClean } from "./descriptor.js";
import type { FastCheck, Tally } from "./fast-check.js";
import { isDate, isGoArchitecture, isGoOperatingSystem, isPlainDigest } from "./strings.js";

// The fast check of image configs (OCI, and Docker's, which has the same shape). It accepts the
// members Docker and BuildKit write, spelled exactly — a struct member spelled any
// other way could be one Go's case-insensitive decoder folds onto a field (json-case-fold-key), so
// it is "not proven" — and only values the schema (schemas/oci/image-config.json) and the rules
// (src/validate/rules/image-config.ts, the annotation rules on config.Labels) pass without a finding
// under both presets. Docker's legacy members (container_config, Hostname, …) are checked as
// strictly as the spec's, though the schema ignores them: a Go-typed value cannot hide a struct
// whose member names would fold, nor nest deeper than the reader allows.

/** What a walk that answers a count answers for "not proven" (a number, so no result object is allocated). */
const NOT_PROVEN = -1;

/** A string or null: what the schema allows for the optional string members. */
function isOptionalString(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

/** Whether a value is `{}` (what Go writes for `struct{}`, the values of ExposedPorts and Volumes). */
function isEmptyObject(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  for (const _ in value) return false;
  return true;
}

/** An optional RFC 3339 date-time (`created`): null, or a date the rule config-created-format accepts. */
function isOptionalDate(value: unknown): boolean {
  return value === null || (typeof value === "string" && isDate(value));
}

/**
 * An array of strings or null (Env, Entrypoint, Cmd, os.features, …). With `env`, every entry must
 * also be `NAME=value` with a non-empty name (rule config-env-format).
 */
function isStringArray(value: unknown, env: boolean): boolean {
  if (value === null) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (typeof entry !== "string") return false;
    if (env && entry.indexOf("=") < 1) return false;
  }
  return true;
}

/**
 * Whether an ExposedPorts key is `port`, `port/tcp`, `port/udp` or `port/sctp` with a port of 1
 * to 5 digits from 1 to 65535 — exactly what rule config-exposed-port-format accepts.
 */
function isExposedPort(key: string): boolean {
  let port = 0;
  let i = 0;
  for (; i < key.length && i < 6; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    port = port * 10 + (c - 0x30);
  }
  if (i === 0 || i > 5 || port < 1 || port > 65535) return false;
  if (i === key.length) return true;
  if (key.charCodeAt(i) !== 0x2f) return false;
  const protocol = key.length - i - 1;
  return (
    (protocol === 3 && (key.endsWith("tcp") || key.endsWith("udp"))) ||
    (protocol === 4 && key.endsWith("sctp"))
  );
}

/** A map to `{}` (ExposedPorts with `ports`, Volumes without) or null, counted into `tally`. */
function setIsClean(value: unknown, ports: boolean, tally: Tally): boolean {
  if (value === null) return true;
  if (!isJsonObject(value)) return false;
  const set = value as JsonObject;
  let members = 0;
  for (const key in set) {
    members++;
    if (!isEmptyObject(set[key]) || (ports && !isExposedPort(key))) return false;
  }
  tally.members += members;
  return true;
}

/** Docker's health check (`Test`, durations in nanoseconds, `Retries`), or null. */
function healthcheckIsClean(value: unknown, tally: Tally): boolean {
  if (value === null) return true;
  if (!isJsonObject(value)) return false;
  const healthcheck = value as JsonObject;
  let members = 0;
  for (const key in healthcheck) {
    members++;
    const member = healthcheck[key];
    switch (key) {
      case "Test":
        if (!isStringArray(member, false)) return false;
        break;
      case "Interval":
      case "Timeout":
      case "StartPeriod":
      case "StartInterval":
      case "Retries":
        if (typeof member !== "number") return false;
        break;
      default:
        return false;
    }
  }
  tally.members += members;
  return true;
}

/**
 * The execution parameters (`config`, and Docker's `container_config`, which has the same Go type)
 * or null: the spec's members with the schema's types, Env entries as `NAME=value`, ExposedPorts
 * keys as ports, Labels under the annotation rules; Docker's own members with their Go types.
 */
function executionIsClean(value: unknown, tally: Tally): boolean {
  if (value === null) return true;
  if (!isJsonObject(value)) return false;
  const execution = value as JsonObject;
  let members = 0;
  for (const key in execution) {
    members++;
    const member = execution[key];
    switch (key) {
      case "User":
      case "WorkingDir":
      case "StopSignal":
      case "Hostname":
      case "Domainname":
      case "Image":
      case "MacAddress":
        if (!isOptionalString(member)) return false;
        break;
      case "ArgsEscaped":
      case "AttachStdin":
      case "AttachStdout":
      case "AttachStderr":
      case "Tty":
      case "OpenStdin":
      case "StdinOnce":
      case "NetworkDisabled":
        if (member !== null && typeof member !== "boolean") return false;
        break;
      case "Env":
      case "Entrypoint":
      case "Cmd":
      case "OnBuild":
      case "Shell":
        if (!isStringArray(member, key === "Env")) return false;
        break;
      case "ExposedPorts":
      case "Volumes":
        if (!setIsClean(member, key === "ExposedPorts", tally)) return false;
        break;
      case "Labels":
        // Labels get the annotation rules (src/validate/rules/image-config.ts, configLabelRules).
        if (member !== null && !annotationsAreClean(member, tally)) return false;
        break;
      case "Healthcheck":
        if (!healthcheckIsClean(member, tally)) return false;
        break;
      case "StopTimeout":
        if (member !== null && !Number.isInteger(member)) return false;
        break;
      default:
        return false;
    }
  }
  tally.members += members;
  return true;
}

/** `rootfs`: `{"type": "layers", "diff_ids": [digest, …]}`; the number of diff_ids, or -1. */
function rootfsLayers(value: unknown, tally: Tally): number {
  if (!isJsonObject(value)) return NOT_PROVEN;
  const rootfs = value as JsonObject;
  let members = 0;
  let layers = NOT_PROVEN;
  let typed = false;
  for (const key in rootfs) {
    members++;
    const member = rootfs[key];
    if (key === "type") {
      if (member !== "layers") return NOT_PROVEN;
      typed = true;
    } else if (key === "diff_ids") {
      // null passes the schema but gets the warning config-diff-ids-null.
      if (!Array.isArray(member)) return NOT_PROVEN;
      for (let i = 0; i < member.length; i++) if (!isPlainDigest(member[i])) return NOT_PROVEN;
      layers = member.length;
    } else return NOT_PROVEN;
  }
  if (!typed || layers === NOT_PROVEN) return NOT_PROVEN;
  tally.members += members;
  return layers;
}

/**
 * `history` (or null): entries with the spec's members; the number of entries that are layers
 * (not `empty_layer: true`), or -1. An empty or null history is not compared with the diff_ids,
 * so it answers `layers` itself.
 */
function historyLayers(value: unknown, layers: number, tally: Tally): number {
  if (value === null) return layers;
  if (!Array.isArray(value)) return NOT_PROVEN;
  if (value.length === 0) return layers;
  let counted = 0;
  let members = 0;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (!isJsonObject(entry)) return NOT_PROVEN;
    const record = entry as JsonObject;
    let empty = false;
    for (const key in record) {
      members++;
      const member = record[key];
      switch (key) {
        case "created":
          if (!isOptionalDate(member)) return NOT_PROVEN;
          break;
        case "created_by":
        case "author":
        case "comment":
          if (!isOptionalString(member)) return NOT_PROVEN;
          break;
        case "empty_layer":
          if (member !== null && typeof member !== "boolean") return NOT_PROVEN;
          empty = member === true;
          break;
        default:
          return NOT_PROVEN;
      }
    }
    if (!empty) counted++;
  }
  tally.members += members;
  return counted;
}

/**
 * The fast check of kind `image-config` (`application/vnd.oci.image.config.v1+json`, and Docker's
 * `application/vnd.docker.container.image.v1+json`): `true` only when the full pipeline would
 * report nothing under either preset — a GOARCH `architecture` and GOOS `os`, RFC 3339 `created`
 * dates, `rootfs.type` `layers` with sha256/sha512 diff_ids as many as the history's layers, Env
 * entries `NAME=value`, ExposedPorts keys as ports, Labels under the annotation rules, and only the
 * members it knows, spelled exactly. See {@link FastCheck}.
 *
 * @example
 * const tally = { members: 0 };
 * imageConfigFastCheck(
 *   { architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } },
 *   tally,
 * ); // true; tally is { members: 5 }
 * imageConfigFastCheck({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: null } }, tally);
 * // false: diff_ids null gets a warning (an error under strict)
 */
export const imageConfigFastCheck: FastCheck = (document, tally) => {
  let members = 0;
  let architecture = false;
  let os = false;
  let layers = NOT_PROVEN;
  let history: unknown = null;
  for (const key in document) {
    members++;
    const value = document[key];
    switch (key) {
      case "architecture":
        if (typeof value !== "string" || !isGoArchitecture(value)) return false;
        architecture = true;
        break;
      case "os":
        if (typeof value !== "string" || !isGoOperatingSystem(value)) return false;
        os = true;
        break;
      case "created":
        if (!isOptionalDate(value)) return false;
        break;
      case "author":
      case "variant":
      case "os.version":
      case "container":
      case "docker_version":
        if (!isOptionalString(value)) return false;
        break;
      case "os.features":
        if (!isStringArray(value, false)) return false;
        break;
      case "config":
      case "container_config":
        if (!executionIsClean(value, tally)) return false;
        break;
      case "rootfs":
        layers = rootfsLayers(value, tally);
        if (layers === NOT_PROVEN) return false;
        break;
      case "history":
        // Walked after the loop, once the number of diff_ids is known.
        history = value;
        break;
      default:
        return false;
    }
  }
  if (!architecture || !os || layers === NOT_PROVEN) return false;
  // config-history-layer-count: the history's layers and the diff_ids correspond one to one.
  if (historyLayers(history, layers, tally) !== layers) return false;
  tally.members += members;
  return true;
};
