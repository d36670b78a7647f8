import type { IssueCode } from "../../vocabulary/vocabulary.generated.js";
import { fieldLabel, isJsonObject } from "../document-fields.js";
import { DOCKER_SCHEMA1_TYPES } from "./docker-media-types.js";
import { goField, goMembers, kindType } from "./go-decoding.js";
import type { ProfileCheck, ProfileContext, RegistryResponse } from "./profile.js";
import { MANIFEST_INVALID_RESPONSE } from "./responses.js";

// What distribution 2.8.2's manifest PUT refuses, as its code does it: registry/handlers/manifests.go
// PutManifest, distribution.UnmarshalManifest and the storage manifest handlers. Shared by every
// registry that embeds it (distribution itself, Harbor). test/differential runs the real code on the
// same documents and checks each prediction.

/** Where the facts are read from (and executed by test/differential). */
export const DISTRIBUTION_2_8 =
  "distribution/distribution v2.8.2 (Debian golang-github-docker-distribution-dev 2.8.2)";
const SOURCE = "docker/distribution@v2.8.2";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
const FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
/** The OCI layer types ocimanifesthandler.go checks `urls` on. */
const OCI_URL_LAYERS = new Set([
  "application/vnd.oci.image.layer.v1.tar",
  "application/vnd.oci.image.layer.v1.tar+gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
]);
/** The manifest types distribution registers besides schema 1 (manifests.go's `mappings`). */
const REGISTERED = new Set([OCI_MANIFEST, OCI_INDEX, DOCKER_V2, DOCKER_LIST]);
/** go-digest's registered algorithms and the length of their hex encoding. */
const ALGORITHMS = new Map([
  ["sha256", 64],
  ["sha384", 96],
  ["sha512", 128],
]);
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** distribution's errcode.ErrorCodeUnknown: what a verification error that is not a blob miss becomes. */
export const UNKNOWN_RESPONSE: RegistryResponse = { status: 500, code: "UNKNOWN", message: "unknown error" };
const DIGEST_INVALID_RESPONSE: RegistryResponse = {
  status: 400,
  code: "DIGEST_INVALID",
  message: "provided digest did not match uploaded content",
};

/**
 * The manifest type distribution unmarshals the body as: the Content-Type's media type (parameters
 * dropped, lower-cased, as mime.ParseMediaType does). Without a Content-Type (a file being linted),
 * the document's own `mediaType` stands for the one a client sends, else its detected kind's type.
 */
function putType(document: Readonly<Record<string, unknown>>, context: ProfileContext): string | undefined {
  if (context.contentType !== undefined) return context.contentType.split(";")[0]?.trim().toLowerCase();
  const mediaType = goField(document, "mediaType");
  return typeof mediaType === "string" ? mediaType : kindType(context);
}

/** The type distribution unmarshals as, for the checks that compare it with the document's mediaType. */
function declaredPutType(context: ProfileContext): string | undefined {
  return context.contentType?.split(";")[0]?.trim().toLowerCase() ?? kindType(context);
}

/** Whether distribution reads the body as Docker schema 1: by its type (schema1 registers those and application/json), or its schemaVersion. */
function readAsSchema1(document: Readonly<Record<string, unknown>>, type: string | undefined): boolean {
  return (
    goField(document, "schemaVersion") === 1 ||
    (type !== undefined && (DOCKER_SCHEMA1_TYPES.has(type) || type === "application/json"))
  );
}

/** A member present as Go decodes it into an interface{} field: any letter case, not null. */
function hasMember(document: Readonly<Record<string, unknown>>, name: string): boolean {
  return goMembers(document, [name], false).length > 0;
}

/** go-digest's Digest.Validate, as the blob store's Stat applies it: which error, if any. */
export function goDigestError(digest: string): "format" | "unsupported" | "length" | undefined {
  const colon = digest.indexOf(":");
  if (colon <= 0 || colon + 1 === digest.length) return "format";
  const length = ALGORITHMS.get(digest.slice(0, colon));
  if (length === undefined) return DIGEST_GRAMMAR.test(digest) ? "unsupported" : "format";
  const encoded = digest.slice(colon + 1);
  if (encoded.length !== length) return "length";
  return /^[a-f0-9]+$/.test(encoded) ? undefined : "format";
}

/** Go's url.Parse plus the handlers' test: refused unless http(s) with no fragment. */
function goUrlRefused(url: string): boolean {
  // url.Parse fails on an ASCII control character and on a malformed %-escape.
  for (let index = 0; index < url.length; index++) {
    const code = url.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  if (/%(?![0-9a-fA-F]{2})/.test(url)) return true;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  const hash = url.indexOf("#");
  return (scheme !== "http" && scheme !== "https") || (hash >= 0 && hash + 1 < url.length);
}

/**
 * The descriptors the handlers verify (References()), as Go decodes them: config (a zero descriptor
 * when absent or null) and layers, or the list's entries; members matched case-insensitively.
 */
function references(document: Readonly<Record<string, unknown>>, type: string) {
  const found: Array<{ path: string; descriptor: Readonly<Record<string, unknown>> }> = [];
  const list = (member: string) => {
    const key = Object.keys(document).findLast((name) => name.toLowerCase() === member.toLowerCase());
    const value = key === undefined ? undefined : document[key];
    if (!Array.isArray(value)) return;
    value.forEach((entry, index) => {
      if (isJsonObject(entry)) found.push({ path: `/${key}/${index}`, descriptor: goDescriptor(entry) });
    });
  };
  if (type === OCI_INDEX || type === DOCKER_LIST) {
    list("manifests");
    return found;
  }
  const key = Object.keys(document).findLast((name) => name.toLowerCase() === "config") ?? "config";
  const config = document[key];
  found.push({ path: `/${key}`, descriptor: isJsonObject(config) ? goDescriptor(config) : {} });
  list("layers");
  return found;
}

/** A descriptor's members under their Go field names. */
function goDescriptor(descriptor: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return {
    mediaType: goField(descriptor, "mediaType"),
    digest: goField(descriptor, "digest"),
    urls: goField(descriptor, "urls"),
  };
}

/** Whether a reference is Stat-ed in the blob store (and so has its digest validated). */
function isStatted(type: string, descriptor: Readonly<Record<string, unknown>>): boolean {
  if (type === OCI_INDEX || type === DOCKER_LIST) return true;
  const urls = Array.isArray(descriptor.urls) ? descriptor.urls : [];
  if (type === DOCKER_V2 && descriptor.mediaType === FOREIGN_LAYER) return false;
  return urls.length === 0;
}

/** Options for {@link distributionCoreChecks}: how the embedding registry configures distribution. */
export interface DistributionCoreOptions {
  /** The profile name, for the codes: `target-<name>-…`. */
  readonly name: string;
  /** Human name in messages. */
  readonly title: string;
  /**
   * `validation` left at its default: app.go then sets the allow pattern `^$`, so every layer URL
   * is refused. `false` for `validation.disabled: true` (Harbor), where only the scheme and
   * fragment are checked.
   */
  readonly refuseEveryUrl: boolean;
  /** `compatibility.schema1.enabled`: signed schema 1 manifests are stored. */
  readonly schema1: boolean;
}

/**
 * The checks for a registry that runs distribution 2.8's manifest PUT, configured as `options` say.
 *
 * @example
 * const checks = distributionCoreChecks({ name: "harbor", title: "Harbor", refuseEveryUrl: false, schema1: true });
 */
export function distributionCoreChecks(options: DistributionCoreOptions): ProfileCheck[] {
  const { name, title } = options;
  const prefix = `target-${name}`;
  const checks: ProfileCheck[] = [];

  checks.push({
    code: `${prefix}-manifest-type-unsupported` as IssueCode,
    ref: `${SOURCE} manifests.go UnmarshalManifest (a Content-Type with no registered unmarshaller falls back to schema 1's) → registry/handlers/manifests.go PutManifest ErrorCodeManifestInvalid`,
    description: `${title} unmarshals the body by its Content-Type; a type other than the OCI manifest or index or the Docker v2 manifest or list is read as Docker schema 1, which a schema 2 document is not: 400 MANIFEST_INVALID.`,
    refuses: true,
    response: MANIFEST_INVALID_RESPONSE,
    check(document, report, context) {
      const type = putType(document, context);
      if (type === undefined || REGISTERED.has(type)) return;
      // Schema 1 types are the schema 1 check's; a signed schema 1 document is read as one.
      if (readAsSchema1(document, type)) return;
      report(
        context.contentType === undefined && typeof document.mediaType === "string" ? "/mediaType" : "",
        `${title} reads a manifest of type "${type}" as Docker schema 1 (only the OCI manifest and index and Docker v2 manifest and list are registered) and refuses it: 400 MANIFEST_INVALID`,
      );
    },
  });

  checks.push({
    code: `${prefix}-media-type-mismatch` as IssueCode,
    ref: `${SOURCE} manifest/schema2/manifest.go and manifest/manifestlist/manifestlist.go (mediaType must equal the type), manifest/ocischema/manifest.go and manifestlist.go imageIndexFunc ("if present, mediaType … should be"; validateManifest/validateIndex)`,
    description: `${title} refuses a Docker manifest or list whose mediaType is not the Content-Type's type (absent included), an OCI manifest or index whose mediaType is present and different, an OCI manifest with a manifests member and an OCI index with config or layers: 400 MANIFEST_INVALID.`,
    refuses: true,
    response: MANIFEST_INVALID_RESPONSE,
    check(document, report, context) {
      const type = declaredPutType(context);
      if (type === undefined || !REGISTERED.has(type)) return;
      const mediaType = goField(document, "mediaType");
      if (type === OCI_MANIFEST && hasMember(document, "manifests")) {
        report(
          "/manifests",
          `${title} refuses an OCI manifest with a manifests member ("ocimanifest: expected manifest but found index"): 400 MANIFEST_INVALID`,
        );
      } else if (type === OCI_INDEX && (hasMember(document, "config") || hasMember(document, "layers"))) {
        report(
          "",
          `${title} refuses an OCI index with config or layers ("index: expected index but found manifest"): 400 MANIFEST_INVALID`,
        );
      } else if ((type === DOCKER_V2 || type === DOCKER_LIST) && mediaType !== type) {
        report(
          typeof document.mediaType === "string" ? "/mediaType" : "",
          `${title} requires mediaType "${type}" in a ${type === DOCKER_V2 ? "Docker v2 manifest" : "Docker manifest list"}, got ${mediaType === undefined ? "none" : JSON.stringify(mediaType)}: 400 MANIFEST_INVALID`,
        );
      } else if (
        (type === OCI_MANIFEST || type === OCI_INDEX) &&
        mediaType != null &&
        mediaType !== "" &&
        mediaType !== type
      ) {
        report(
          "/mediaType",
          `${title} refuses mediaType ${JSON.stringify(mediaType)} pushed as "${type}": 400 MANIFEST_INVALID`,
        );
      }
    },
  });

  checks.push({
    code: `${prefix}-schema-version` as IssueCode,
    ref: `${SOURCE} registry/storage/{ocimanifesthandler,schema2manifesthandler,manifestlisthandler}.go verifyManifest ("unrecognized manifest schema version") → PutManifest errcode.ErrorCodeUnknown`,
    description: `${title} refuses a schema 2 document whose schemaVersion is not 2 (absent included) after reading it, with 500 UNKNOWN.`,
    refuses: true,
    response: UNKNOWN_RESPONSE,
    check(document, report, context) {
      const type = declaredPutType(context) ?? putType(document, context);
      if (type === undefined || !REGISTERED.has(type)) return;
      const version = goField(document, "schemaVersion");
      if (version === 2 || (version !== undefined && version !== null && !Number.isInteger(version))) return;
      report(
        version === undefined ? "" : "/schemaVersion",
        `${title} answers 500 UNKNOWN "unrecognized manifest schema version ${version ?? 0}" to a schemaVersion other than 2`,
      );
    },
  });

  checks.push({
    code: `${prefix}-digest-unsupported` as IssueCode,
    ref: `${SOURCE} registry/storage verifyManifest: the blob store's Stat validates each referenced digest with go-digest (ErrDigestUnsupported, ErrDigestInvalidLength) → PutManifest errcode.ErrorCodeUnknown`,
    description: `${title} refuses a reference whose digest uses an algorithm go-digest does not register (anything but sha256, sha384, sha512) or has the wrong length for its algorithm: 500 UNKNOWN "unsupported digest algorithm" / "invalid checksum digest length".`,
    refuses: true,
    response: UNKNOWN_RESPONSE,
    check(document, report, context) {
      const type = putType(document, context);
      if (type === undefined || !REGISTERED.has(type)) return;
      for (const { path, descriptor } of references(document, type)) {
        if (typeof descriptor.digest !== "string" || !isStatted(type, descriptor)) continue;
        const error = goDigestError(descriptor.digest);
        if (error !== "unsupported" && error !== "length") continue;
        report(
          `${path}/digest`,
          `${fieldLabel(`${path}/digest`)} "${descriptor.digest}": ${title} answers 500 UNKNOWN "${error === "unsupported" ? "unsupported digest algorithm" : "invalid checksum digest length"}" (go-digest registers sha256, sha384 and sha512 only)`,
        );
      }
    },
  });

  checks.push({
    code: `${prefix}-digest-invalid` as IssueCode,
    ref: `${SOURCE} registry/storage verifyManifest: go-digest ErrDigestInvalidFormat → PutManifest v2.ErrorCodeDigestInvalid`,
    description: `${title} refuses a reference whose digest go-digest cannot read (no algorithm, upper-case or non-hex encoding): 400 DIGEST_INVALID.`,
    refuses: true,
    response: DIGEST_INVALID_RESPONSE,
    check(document, report, context) {
      const type = putType(document, context);
      if (type === undefined || !REGISTERED.has(type)) return;
      for (const { path, descriptor } of references(document, type)) {
        const digest =
          typeof descriptor.digest === "string"
            ? descriptor.digest
            : descriptor.digest == null
              ? ""
              : undefined;
        if (digest === undefined || !isStatted(type, descriptor) || goDigestError(digest) !== "format")
          continue;
        report(
          `${path}/digest`,
          `${fieldLabel(`${path}/digest`)} ${JSON.stringify(digest)} is not a digest go-digest reads: ${title} answers 400 DIGEST_INVALID`,
        );
      }
    },
  });

  checks.push({
    code: `${prefix}-layer-url-refused` as IssueCode,
    ref: `${SOURCE} registry/storage/ocimanifesthandler.go and schema2manifesthandler.go verifyManifest (errInvalidURL, errMissingURL)${options.refuseEveryUrl ? "; registry/handlers/app.go: with no validation.manifests.urls configured the allow pattern is ^$" : "; validation.disabled: true leaves no allow or deny pattern"} → PutManifest errcode.ErrorCodeUnknown, then MANIFEST_BLOB_UNKNOWN`,
    description: options.refuseEveryUrl
      ? `${title} (default configuration) refuses every urls entry on OCI layers and on Docker foreign layers, and a Docker foreign layer without urls: 500 UNKNOWN "invalid URL on layer" / "missing URL on layer", followed by MANIFEST_BLOB_UNKNOWN.`
      : `${title} refuses urls that are not http or https or carry a fragment on OCI layers and Docker foreign layers, and a Docker foreign layer without urls: 500 UNKNOWN, followed by MANIFEST_BLOB_UNKNOWN.`,
    refuses: true,
    response: UNKNOWN_RESPONSE,
    check(document, report, context) {
      const type = putType(document, context);
      if (type !== OCI_MANIFEST && type !== DOCKER_V2) return;
      for (const { path, descriptor } of references(document, type)) {
        const checked =
          type === OCI_MANIFEST
            ? OCI_URL_LAYERS.has(String(descriptor.mediaType))
            : descriptor.mediaType === FOREIGN_LAYER;
        if (!checked) continue;
        const urls = Array.isArray(descriptor.urls) ? descriptor.urls : [];
        if (type === DOCKER_V2 && urls.length === 0) {
          report(
            path,
            `${fieldLabel(path)} is a Docker foreign layer without urls: ${title} answers 500 UNKNOWN "missing URL on layer"`,
          );
          continue;
        }
        const refused = urls.findIndex(
          (url) => typeof url === "string" && (options.refuseEveryUrl || goUrlRefused(url)),
        );
        if (refused < 0) continue;
        report(
          `${path}/urls/${refused}`,
          options.refuseEveryUrl
            ? `${fieldLabel(`${path}/urls/${refused}`)}: ${title} with its default configuration allows no layer URL (validation.manifests.urls unset means allow ^$) and answers 500 UNKNOWN "invalid URL on layer"`
            : `${fieldLabel(`${path}/urls/${refused}`)} ${JSON.stringify(urls[refused])} is not http(s) without a fragment: ${title} answers 500 UNKNOWN "invalid URL on layer"`,
        );
      }
    },
  });

  if (!options.schema1) {
    checks.push({
      code: `${prefix}-schema1-refused` as IssueCode,
      ref: `${SOURCE} registry/handlers/app.go (storage.EnableSchema1 only with compatibility.schema1.enabled) and registry/storage/v1unsupportedhandler.go; distribution v3.0.0 removed schema 1`,
      description: `${title} refuses Docker schema 1: an unsigned one fails to unmarshal (400 MANIFEST_INVALID "missing signature key"), a signed one is refused unless compatibility.schema1.enabled (500 UNKNOWN "manifest schema v1 unsupported"); v3 removed schema 1.`,
      refuses: true,
      response: MANIFEST_INVALID_RESPONSE,
      check(document, report, context) {
        const type = putType(document, context);
        const schema1 = readAsSchema1(document, type);
        if (!schema1 || (type !== undefined && REGISTERED.has(type))) return;
        report(
          document.schemaVersion === 1 ? "/schemaVersion" : "",
          `Docker schema 1 is refused by ${title} (compatibility.schema1.enabled is off by default; v3 removed it): convert to Docker schema 2 or OCI`,
        );
      },
    });
  } else {
    checks.push({
      code: `${prefix}-schema1-unsigned` as IssueCode,
      ref: `${SOURCE} manifest/schema1 (schema1Func: libtrust.ParsePrettySignature, "missing signature key") → PutManifest ErrorCodeManifestInvalid`,
      description: `${title} stores signed Docker schema 1 manifests only: one without signatures fails to unmarshal, 400 MANIFEST_INVALID.`,
      refuses: true,
      response: MANIFEST_INVALID_RESPONSE,
      check(document, report, context) {
        const type = putType(document, context);
        const schema1 = readAsSchema1(document, type);
        // libtrust looks the member up in a map: the exact name only.
        if (!schema1 || (type !== undefined && REGISTERED.has(type)) || Object.hasOwn(document, "signatures"))
          return;
        report(
          "",
          `a Docker schema 1 manifest without signatures is refused by ${title}: 400 MANIFEST_INVALID "missing signature key"`,
        );
      },
    });
    checks.push({
      code: `${prefix}-schema1-signature` as IssueCode,
      ref: `${SOURCE} manifest/schema1 SignedManifest.UnmarshalJSON (libtrust.ParsePrettySignature: the protected header's formatLength and formatTail rebuild the signed payload) and registry/storage/signedmanifesthandler.go verifyManifest (schema1.Verify)`,
      description: `${title} stores a signed Docker schema 1 manifest only when its JWS signatures rebuild a JSON payload and verify; ocispec does not verify JWS signatures, so it cannot say whether this one passes.`,
      refuses: false,
      response: MANIFEST_INVALID_RESPONSE,
      evidence: "read",
      check(document, report, context) {
        const type = putType(document, context);
        const schema1 = readAsSchema1(document, type);
        if (
          !schema1 ||
          (type !== undefined && REGISTERED.has(type)) ||
          !Object.hasOwn(document, "signatures")
        )
          return;
        report(
          "/signatures",
          `${title} accepts this Docker schema 1 manifest only if its JWS signatures rebuild the payload and verify (400 MANIFEST_INVALID otherwise), which ocispec does not check: convert to Docker schema 2 or OCI`,
        );
      },
    });
  }
  return checks.map((check) => ({
    ...check,
    version: DISTRIBUTION_2_8,
    evidence: check.evidence ?? "executed",
  }));
}
