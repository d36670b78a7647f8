import { checkDigest } from "../../digest/index.js";
import { GO_ARCHITECTURES, GO_OPERATING_SYSTEMS } from "../formats/go-platforms.js";
import { isRfc3339DateTime } from "../formats/rfc3339.js";
import { pointerToken } from "../json-pointer.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";
import type { ImageConfig } from "../types/image-config.js";
import { type AnnotationMap, annotationRulesFor } from "./annotations.js";

const CONFIG_REF = "image-spec v1.1.1 config.md#properties";

/**
 * image-spec v1.1.1 config.md, `rootfs.type`: "MUST be set to `layers`. Implementations MUST
 * generate an error if they encounter a unknown value while verifying or unpacking an image."
 */
export const configRootfsType = defineRule({
  code: "config-rootfs-type",
  severity: "error",
  ref: CONFIG_REF,
  description: "rootfs.type must be the string `layers`.",
  messages: { notLayers: 'rootfs.type is {{type}}, but it must be "layers"' },
  check(config: ImageConfig, report) {
    const type = config.rootfs?.type;
    if (typeof type === "string" && type !== "layers") {
      report("/rootfs/type", "notLayers", { type: quoteValue(type) });
    }
  },
});

/**
 * image-spec v1.1.1 config.md#layer-diffid: "A layer DiffID is a SHA256 digest over the layer's
 * uncompressed tar archive and serialized in the descriptor digest format"; descriptor.md#digests:
 * "A digest string MUST match the following grammar".
 */
export const configDiffIdDigest = defineRule({
  code: "config-diff-id-digest",
  severity: "error",
  ref: "image-spec v1.1.1 config.md#layer-diffid",
  description: "Every rootfs.diff_ids entry must be a digest in the descriptor digest format.",
  messages: { notDigest: "rootfs.diff_ids[{{index}}]: {{problem}}" },
  check(config: ImageConfig, report) {
    const diffIds = config.rootfs?.diff_ids;
    if (!Array.isArray(diffIds)) return;
    diffIds.forEach((diffId, i) => {
      if (typeof diffId !== "string") return;
      const problem = checkDigest(diffId);
      if (problem !== undefined) {
        report(`/rootfs/diff_ids/${i}`, "notDigest", { index: i, problem: problem.message });
      }
    });
  },
});

/**
 * image-spec v1.1.1 config.md, `rootfs.diff_ids`: "array of strings, REQUIRED" — and only OPTIONAL
 * fields "MAY also be set to null". Go's encoding/json writes `null` for an image without layers,
 * image-spec's own Go type (its `diff_ids` tag has no `omitempty`) included, so such configs
 * exist; they are read as an empty list with a warning, and refused under `strict`, as image-spec's
 * schema refuses them.
 */
export const configDiffIdsNull = defineRule({
  code: "config-diff-ids-null",
  severity: "warning",
  strictSeverity: "error",
  ref: CONFIG_REF,
  description: "rootfs.diff_ids is an array (empty for an image without layers), not null.",
  messages: {
    null: "rootfs.diff_ids is null, but it is a REQUIRED array; write [] for an image without layers",
  },
  check(config: ImageConfig, report) {
    if (config.rootfs?.diff_ids === null) report("/rootfs/diff_ids", "null");
  },
});

/**
 * image-spec v1.1.1 config.md, `config.Env`: "Entries are in the format of `VARNAME=VARVALUE`." A
 * format without a MUST, so a warning; image-spec's own validator refuses entries that do not match
 * `^[^=]+=.*$`, hence an error under `strict`.
 */
export const configEnvFormat = defineRule({
  code: "config-env-format",
  severity: "warning",
  strictSeverity: "error",
  ref: CONFIG_REF,
  description: "Every config.Env entry should have the form NAME=value, with a non-empty NAME.",
  messages: {
    notNameValue:
      "config.Env[{{index}}] is {{entry}}, but entries are in the form VARNAME=VARVALUE with a non-empty name",
  },
  check(config: ImageConfig, report) {
    const env = config.config?.Env;
    if (!Array.isArray(env)) return;
    env.forEach((entry, i) => {
      if (typeof entry === "string" && entry.indexOf("=") < 1) {
        report(`/config/Env/${i}`, "notNameValue", { index: i, entry: quoteValue(entry) });
      }
    });
  },
});

/**
 * image-spec v1.1.1 config.md, `created`: "An combined date and time at which the image was created,
 * formatted as defined by RFC 3339, section 5.6", and the same for `history[].created`. No MUST, so
 * a warning (an error under `strict`) — a real portability problem: Go tools (Docker, containerd)
 * read these fields as `time.Time` and refuse the whole config otherwise.
 */
export const configCreatedFormat = defineRule({
  code: "config-created-format",
  severity: "warning",
  strictSeverity: "error",
  ref: CONFIG_REF,
  description:
    "created and history[].created should be RFC 3339 section 5.6 date-times (Go tools refuse the config otherwise).",
  messages: {
    notDateTime:
      '{{field}} is {{value}}, but it should be an RFC 3339 date-time such as "2015-10-31T22:22:56.015925234Z" (Go tools refuse the config otherwise)',
  },
  check(config: ImageConfig, report) {
    const created: unknown = config.created;
    if (typeof created === "string" && !isRfc3339DateTime(created)) {
      report("/created", "notDateTime", { field: "created", value: quoteValue(created) });
    }
    const history: unknown = config.history;
    if (!Array.isArray(history)) return;
    for (let i = 0; i < history.length; i++) {
      const value: unknown = history[i]?.created;
      // The entry's path and name are written only for a finding: most configs have none.
      if (typeof value === "string" && !isRfc3339DateTime(value)) {
        report(`/history/${i}/created`, "notDateTime", {
          field: `history[${i}].created`,
          value: quoteValue(value),
        });
      }
    }
  },
});

/**
 * image-spec v1.1.1 config.md, `history[].empty_layer`: "It is set to true if this history item
 * doesn't correspond to an actual layer in the rootfs section" — so the entries without it are the
 * layers, and Docker and containerd pair them with `rootfs.diff_ids` one to one.
 */
export const configHistoryLayerCount = defineRule({
  code: "config-history-layer-count",
  severity: "warning",
  ref: CONFIG_REF,
  description:
    "When history is present, its entries without empty_layer: true should match rootfs.diff_ids one to one.",
  messages: {
    countDiffers:
      "history has {{layers}} entries that are not empty_layer, but rootfs.diff_ids lists {{diffIds}} layers; they should correspond one to one",
  },
  check(config: ImageConfig, report) {
    const history = config.history;
    const diffIds = config.rootfs?.diff_ids;
    if (!Array.isArray(history) || history.length === 0 || !Array.isArray(diffIds)) return;
    const layers = history.filter((entry) => entry?.empty_layer !== true).length;
    if (layers !== diffIds.length) {
      report("/history", "countDiffers", { layers, diffIds: diffIds.length });
    }
  },
});

/**
 * image-spec v1.1.1 config.md, `architecture`: "Configurations SHOULD use, and implementations
 * SHOULD understand, values listed in the Go Language document for GOARCH."
 */
export const configArchitectureKnown = defineRule({
  code: "config-architecture-known",
  severity: "warning",
  ref: CONFIG_REF,
  description: "architecture should be a GOARCH value such as amd64 or arm64.",
  messages: {
    notGoarch:
      "architecture is {{architecture}}, which is not a GOARCH value (amd64, arm64, arm, 386, ppc64le, s390x, riscv64, …); configurations should use one",
  },
  check(config: ImageConfig, report) {
    if (typeof config.architecture === "string" && !GO_ARCHITECTURES.has(config.architecture)) {
      report("/architecture", "notGoarch", { architecture: quoteValue(config.architecture) });
    }
  },
});

/**
 * image-spec v1.1.1 config.md, `os`: "Configurations SHOULD use, and implementations SHOULD
 * understand, values listed in the Go Language document for GOOS."
 */
export const configOsKnown = defineRule({
  code: "config-os-known",
  severity: "warning",
  ref: CONFIG_REF,
  description: "os should be a GOOS value such as linux or windows.",
  messages: {
    notGoos:
      "os is {{os}}, which is not a GOOS value (linux, windows, darwin, freebsd, …); configurations should use one",
  },
  check(config: ImageConfig, report) {
    if (typeof config.os === "string" && !GO_OPERATING_SYSTEMS.has(config.os)) {
      report("/os", "notGoos", { os: quoteValue(config.os) });
    }
  },
});

/** `port`, `port/tcp`, `port/udp` (image-spec), and `port/sctp` (Docker); port 1–65535. */
const EXPOSED_PORT = /^([0-9]{1,5})(?:\/(?:tcp|udp|sctp))?$/;

/**
 * image-spec v1.1.1 config.md, `config.ExposedPorts`: "Its keys can be in the format of: `port/tcp`,
 * `port/udp`, `port` with the default protocol being `tcp` if not specified." Docker also writes
 * `port/sctp`, which is accepted.
 */
export const configExposedPortFormat = defineRule({
  code: "config-exposed-port-format",
  severity: "warning",
  ref: CONFIG_REF,
  description: "config.ExposedPorts keys should be port, port/tcp or port/udp, with a port from 1 to 65535.",
  messages: {
    notPort: "config.ExposedPorts key {{key}} is not port/tcp, port/udp or port with a port from 1 to 65535",
  },
  check(config: ImageConfig, report) {
    const ports = config.config?.ExposedPorts;
    if (ports === null || typeof ports !== "object") return;
    for (const key of Object.keys(ports)) {
      const m = EXPOSED_PORT.exec(key);
      const port = m === null ? Number.NaN : Number(m[1]);
      if (!(port >= 1 && port <= 65535)) {
        report(`/config/ExposedPorts/${pointerToken(key)}`, "notPort", { key: quoteValue(key) });
      }
    }
  },
});

/** Where the labels sit: `config.Labels`, in the `config` member of the document. */
const LABELS: AnnotationMap<ImageConfig> = {
  pointer: "/config/Labels",
  name: "config.Labels",
  member: "config",
  read: (config) => config.config?.Labels,
};

/**
 * image-spec v1.1.1 config.md, `config.Labels`: "The field contains arbitrary metadata for the
 * container. This property MUST use the annotation rules." The annotation rules
 * (src/validate/rules/annotations.ts) run on the labels with their own codes, located under
 * `/config/Labels`.
 */
export const configLabelRules: Rule<ImageConfig>[] = annotationRulesFor(LABELS);

/** The rules beyond the schema for image configurations (OCI and Docker), in report order. */
export const imageConfigRules: Rule<ImageConfig>[] = [
  configArchitectureKnown,
  configOsKnown,
  configCreatedFormat,
  configEnvFormat,
  configExposedPortFormat,
  ...configLabelRules,
  configRootfsType,
  configDiffIdsNull,
  configDiffIdDigest,
  configHistoryLayerCount,
];
