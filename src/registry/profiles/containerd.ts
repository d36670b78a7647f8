import { pointerToken } from "../../json/json-pointer.js";
import { goField, goMembers, pullType } from "./go-decoding.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";

// What containerd (ctr, nerdctl, the CRI plugin, Docker Engine's containerd image store) refuses when
// it pulls: images.Children on every manifest and index, with the descriptor typed by the
// Content-Type. Executed by test/differential against Debian's golang-github-containerd-containerd-dev.

const VERSION = "containerd v1.6.20 (Debian golang-github-containerd-containerd-dev 1.6.20)";
const SOURCE = "containerd/containerd@v1.6.20:images/image.go";
const MANIFESTS = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
]);
const INDEXES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

const schema1: ProfileCheck = {
  code: "target-containerd-schema1",
  ref: `${SOURCE} validateMediaType ("media-type: schema 1 not supported"), called by Children`,
  description:
    'containerd refuses to pull a manifest or index that has an fsLayers member (any letter case, even null): "media-type: schema 1 not supported".',
  refuses: true,
  version: VERSION,
  evidence: "executed",
  check(document, report, context) {
    const type = pullType(document, context);
    if (type === undefined || (!MANIFESTS.has(type) && !INDEXES.has(type))) return;
    if (goMembers(document, ["fsLayers"], true).length === 0) return;
    report("", 'containerd refuses to pull a document with fsLayers: "media-type: schema 1 not supported"');
  },
};

const ambiguous: ProfileCheck = {
  code: "target-containerd-ambiguous",
  ref: `${SOURCE} validateMediaType ("media-type: expected manifest but found index", "expected index but found manifest"), called by Children`,
  description:
    "containerd refuses to pull a manifest with a manifests member or an index mediaType, and an index with config or layers members or a manifest mediaType (members in any letter case, even null).",
  refuses: true,
  version: VERSION,
  evidence: "executed",
  check(document, report, context) {
    const type = pullType(document, context);
    if (type === undefined) return;
    const mediaType = document.mediaType;
    if (MANIFESTS.has(type)) {
      if (
        goMembers(document, ["manifests"], true).length > 0 ||
        (typeof mediaType === "string" && INDEXES.has(mediaType))
      )
        report(
          "",
          `containerd refuses to pull this as ${type}: "media-type: expected manifest but found index"`,
        );
    } else if (INDEXES.has(type)) {
      if (
        goMembers(document, ["config", "layers"], true).length > 0 ||
        (typeof mediaType === "string" && MANIFESTS.has(mediaType))
      )
        report(
          "",
          `containerd refuses to pull this as ${type}: "media-type: expected index but found manifest"`,
        );
    }
  },
};

const annotations: ProfileCheck = {
  code: "target-containerd-annotations-not-strings",
  ref: `${SOURCE} Children (json.Unmarshal into image-spec's ocispec.Manifest / ocispec.Index, whose annotations are map[string]string)`,
  description:
    "containerd decodes Docker manifests and lists with the OCI types, so an annotations member whose values are not all strings fails the pull, in Docker documents too.",
  refuses: true,
  version: VERSION,
  evidence: "executed",
  check(document, report, context) {
    const type = pullType(document, context);
    if (type === undefined || (!MANIFESTS.has(type) && !INDEXES.has(type))) return;
    const value = goField(document, "annotations");
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const key = Object.keys(value).find(
      (name) => typeof (value as Record<string, unknown>)[name] !== "string",
    );
    if (key === undefined) return;
    report(
      `/annotations/${pointerToken(key)}`,
      `annotation ${JSON.stringify(key)} is not a string: containerd fails to decode the document ("cannot unmarshal … of type string")`,
    );
  },
};

/** containerd: the runtime's pull (ctr, nerdctl, Kubernetes' CRI plugin). */
export const containerdProfile: RegistryProfile = {
  name: "containerd",
  title: "containerd (ctr, nerdctl, CRI)",
  description:
    "A client target: what containerd 1.6 refuses when it pulls a manifest or index (images.Children), given the Content-Type the registry serves (the document's own mediaType when none is given).",
  sources: [{ title: "images.Children and validateMediaType", url: SOURCE }],
  notes: [
    "Every check is executed: test/differential builds containerd 1.6.20's images package from Debian's golang-github-containerd-containerd-dev and compares its verdict with the prediction on the whole corpus.",
    "containerd does not look at a document served with another Content-Type (it has no children to fetch), so nothing is refused there.",
    "Go's JSON decoding refuses members of the wrong JSON type too; ocispec's schemas already refuse those.",
  ],
  checks: [schema1, ambiguous, annotations],
};
