import { lookupMediaType } from "../../media-types/index.js";
import { descriptorFields, fieldLabel, layerFields, mediaTypeFields } from "../document-fields.js";
import { CURRENT_MANIFEST_TYPES } from "./docker-media-types.js";
import { knownByRegistry } from "./known-by.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";
import { GITLAB_UNKNOWN_MEDIA_TYPE_RESPONSE } from "./responses.js";
import { schema1RefusedCheck } from "./schema1-check.js";

const MEDIA_TYPES_DOC =
  'gitlab-org/container-registry docs/supported-media-types.md: "Any manifest or any of its references with a media type outside this list will lead to a 400 Bad Request response with detail `unknown media type`"';
/** A mirror of gitlab-org/container-registry on GitHub, the commit the code facts were read at. */
const GITLAB_MIRROR =
  "tigrisdata/container-registry@19ab6ea7fe93aedd7fdbee351434a0c640eb181c (a mirror of gitlab-org/container-registry)";
const BUILDKIT_CACHE_CONFIG = "application/vnd.buildkit.cacheconfig.v0";

/** GitLab looks these up in its media-type table; a miss fails the whole push. */
const CHECKED_PATHS = new Set(["/mediaType", "/config/mediaType", "/artifactType"]);

const unknownMediaType: ProfileCheck = {
  code: "target-gitlab-unknown-media-type",
  ref: `${MEDIA_TYPES_DOC}; gitlab-org/gitlab#399923 (Flux config type); gitlab-org/container-registry#1679 (artifactType); gitlab-org/container-registry#2155 (fleet artifactType)`,
  description:
    "GitLab's registry (metadata database mode, gitlab.com) looks up mediaType, config.mediaType and artifactType in a hard-coded media-type table and refuses the push when one is missing.",
  refuses: true,
  evidence: "read",
  response: GITLAB_UNKNOWN_MEDIA_TYPE_RESPONSE,
  check(document, report) {
    const known = knownByRegistry("gitlab");
    for (const field of mediaTypeFields(document)) {
      if (!CHECKED_PATHS.has(field.path)) continue;
      if (known.has(field.value)) continue;
      report(
        field.path,
        `${fieldLabel(field.path)} "${field.value}" is not in GitLab's media-type table: gitlab.com answers 400 MANIFEST_INVALID "manifest invalid; unknown media type: ${field.value}" (self-managed registries accept it only with REGISTRY_FF_DYNAMIC_MEDIA_TYPES=true)`,
      );
    }
  },
};

/** `migration 20230803` → `20230803`; the table records GitLab's media_types migration for every row. */
function migrationOf(source: string | undefined): string | undefined {
  return source === undefined ? undefined : /\bmigration (\d{8})\b/.exec(source)?.[1];
}

/** The migration that created GitLab's table: types it seeded are in every release with the table. */
function seedMigration(): string | undefined {
  let seed: string | undefined;
  for (const entry of knownByRegistry("gitlab").values()) {
    const migration = migrationOf(entry.source);
    if (migration !== undefined && (seed === undefined || migration < seed)) seed = migration;
  }
  return seed;
}

const mediaTypeAddedLater: ProfileCheck = {
  code: "target-gitlab-media-type-added-later",
  ref: "gitlab-org/container-registry registry/datastore/migrations (media_types rows, one migration per addition); the table's knownBy gitlab since/source",
  description:
    "GitLab added the type to its table after the table was created: gitlab.com accepts it, but self-managed registries older than the release that added it answer unknown media type.",
  refuses: false,
  evidence: "read",
  response: GITLAB_UNKNOWN_MEDIA_TYPE_RESPONSE,
  check(document, report) {
    const known = knownByRegistry("gitlab");
    const seed = seedMigration();
    for (const field of mediaTypeFields(document)) {
      if (!CHECKED_PATHS.has(field.path)) continue;
      const entry = known.get(field.value);
      const migration = migrationOf(entry?.source);
      if (entry === undefined || migration === undefined || seed === undefined || migration <= seed) continue;
      const release = entry.since === undefined ? "" : `, container registry ${entry.since}`;
      report(
        field.path,
        `${fieldLabel(field.path)} "${field.value}" was added to GitLab's media-type table by migration ${migration}${release}: self-managed GitLab registries older than that answer "unknown media type"`,
      );
    }
  },
};

const unknownLayerMediaType: ProfileCheck = {
  code: "target-gitlab-unknown-layer-media-type",
  ref: "gitlab-org/container-registry registry/datastore importer tests TestImporter_*_UnknownLayerMediaType (fixture unknown-layer-mediatype); ../shared/reference/registry-fixtures gitlab__unknown-layer-mediatype.json",
  description:
    "GitLab accepts layer media types missing from its table, but records the layer as application/octet-stream, so the type is lost in its API and UI.",
  refuses: false,
  evidence: "read",
  check(document, report) {
    const known = knownByRegistry("gitlab");
    for (const { path, descriptor } of layerFields(document)) {
      if (typeof descriptor.mediaType !== "string") continue;
      if (known.has(descriptor.mediaType)) continue;
      report(
        `${path}/mediaType`,
        `${fieldLabel(`${path}/mediaType`)} "${descriptor.mediaType}" is not in GitLab's media-type table: GitLab accepts the push but stores the layer as application/octet-stream`,
      );
    }
  },
};

const subjectMustExist: ProfileCheck = {
  code: "target-gitlab-subject-must-exist",
  ref: "gitlab-org/container-registry#2375 (attestation manifest whose subject is not present yet → MANIFEST_BLOB_UNKNOWN); gitlab-org/container-registry!2927 proposes to tolerate it, as distribution-spec #pushing-manifests requires",
  description:
    "GitLab looks up the subject manifest in the repository and refuses the push when it is not there yet, although the distribution spec says a registry MUST initially accept it.",
  refuses: false,
  evidence: "read",
  response: { status: 400, code: "MANIFEST_BLOB_UNKNOWN", message: "blob unknown to registry" },
  check(document, report) {
    for (const { position, path, descriptor } of descriptorFields(document)) {
      if (position !== "subject") continue;
      const digest = typeof descriptor.digest === "string" ? ` ${descriptor.digest}` : "";
      report(
        path,
        `subject${digest} must already be in the repository: GitLab answers 400 MANIFEST_BLOB_UNKNOWN otherwise, so push the subject manifest first`,
      );
    }
  },
};

const schema1Refused = schema1RefusedCheck(
  "target-gitlab-schema1-refused",
  "gitlab-org/container-registry importer fixture happy-path schema1 manifest (skipped on import; 'Schema 1 manifest not supported'); ../shared/reference/registry-fixtures gitlab__schema1-signed.json",
  "GitLab's registry in metadata database mode refuses Docker schema 1 manifests (MANIFEST_INVALID, manifest type unsupported).",
  "Docker schema 1 manifests are refused by GitLab's registry (metadata database mode): convert to Docker schema 2 or OCI",
);

const indexBlobReference: ProfileCheck = {
  code: "target-gitlab-index-blob-reference",
  ref: `gitlab-org/container-registry commit 79e854aa (2021-08-17) "fix(handlers): deny pushes for manifest lists with blob references except manifest cache images"; ${GITLAB_MIRROR} registry/storage/validation/manifestlist.go (a non-cache list's entries must be manifests in the repository, else ErrManifestBlobUnknown) and mlcompat.LikelyBuildxCache`,
  description:
    "GitLab refuses a manifest list or index whose entries point at blobs instead of manifests, except BuildKit cache indexes (an entry typed application/vnd.buildkit.cacheconfig.v0): the entry is not a manifest in the repository, so the answer is MANIFEST_BLOB_UNKNOWN.",
  refuses: true,
  evidence: "read",
  response: { status: 400, code: "MANIFEST_BLOB_UNKNOWN", message: "blob unknown to registry" },
  check(document, report) {
    const children = descriptorFields(document).filter((field) => field.position === "child");
    if (children.some(({ descriptor }) => descriptor.mediaType === BUILDKIT_CACHE_CONFIG)) return;
    for (const { path, descriptor } of children) {
      if (typeof descriptor.mediaType !== "string" || CURRENT_MANIFEST_TYPES.has(descriptor.mediaType))
        continue;
      // Only a type the table knows as something else is surely a blob; a custom manifest type is not.
      const kind = lookupMediaType(descriptor.mediaType)?.kind;
      if (kind === undefined || kind === "manifest" || kind === "index") continue;
      report(
        `${path}/mediaType`,
        `${fieldLabel(`${path}/mediaType`)} "${descriptor.mediaType}" is a ${kind} type, not a manifest: GitLab refuses indexes that reference blobs (BuildKit cache indexes excepted) with 400 MANIFEST_BLOB_UNKNOWN`,
      );
    }
  },
};

/**
 * GitLab's container registry (gitlab.com and self-managed with the metadata database): a hard-coded
 * media-type table, derived here from the table's `knownBy` data.
 */
export const gitlabProfile: RegistryProfile = {
  name: "gitlab",
  title: "GitLab container registry",
  description:
    'gitlab-org/container-registry as run on gitlab.com and by self-managed GitLab with the metadata database enabled. The media-type allowlist is the table\'s knownBy "gitlab" rows, each with the migration or release that added it.',
  sources: [
    {
      title: "Supported media types (the allowlist, and REGISTRY_FF_DYNAMIC_MEDIA_TYPES)",
      url: "https://gitlab.com/gitlab-org/container-registry/-/blob/master/docs/supported-media-types.md",
    },
    {
      title: "CHANGELOG: the release that added each media-type migration (the table's since)",
      url: "https://gitlab.com/gitlab-org/container-registry/-/blob/master/CHANGELOG.md",
    },
    {
      title:
        "The media_types migrations, one file per addition (premigrations/<date>_add_…_media_type(s).go)",
      url: `${GITLAB_MIRROR}:registry/datastore/migrations/premigrations/`,
    },
    {
      title: "Manifest list validation (entries must be manifests: MANIFEST_BLOB_UNKNOWN)",
      url: `${GITLAB_MIRROR}:registry/storage/validation/manifestlist.go`,
    },
    {
      title: "Falco types added in release 3.80.0 / GitLab 16.3 (MR 1375, issue 1089)",
      url: "https://gitlab.com/gitlab-org/container-registry/-/issues/1089",
    },
    {
      title: "Flux push refused: unknown media type",
      url: "https://gitlab.com/gitlab-org/gitlab/-/issues/399923",
    },
    {
      title: "Attestation artifactType refused: unknown media type",
      url: "https://gitlab.com/gitlab-org/container-registry/-/issues/1679",
    },
    {
      title: "Subject must already exist (MANIFEST_BLOB_UNKNOWN)",
      url: "https://gitlab.com/gitlab-org/container-registry/-/issues/2375",
    },
    {
      title: "Support dynamic media types (feature flag, 2024-06)",
      url: "https://gitlab.com/gitlab-org/container-registry/-/commit/0622f414",
    },
    {
      title: "Registry fixtures and their why fields",
      url: "../shared/reference/registry-fixtures/index.json",
    },
  ],
  notes: [
    "Self-managed registries without the metadata database (legacy storage mode) do not check media types at all; these checks describe gitlab.com.",
    "REGISTRY_FF_DYNAMIC_MEDIA_TYPES=true (self-managed) adds unknown types on push instead of refusing them.",
    "The table records types up to its last migration; a type GitLab added later is reported as unknown until the table learns it.",
    "Whether the subject already exists cannot be seen offline: target-gitlab-subject-must-exist fires for every subject as a reminder of the push order.",
    "Read from GitLab's source, documentation and CHANGELOG, not executed (the registry needs PostgreSQL and its metadata database).",
  ],
  checks: [
    unknownMediaType,
    mediaTypeAddedLater,
    unknownLayerMediaType,
    subjectMustExist,
    schema1Refused,
    indexBlobReference,
  ],
};
