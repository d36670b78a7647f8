import { descriptorFields, isJsonObject } from "../document-fields.js";
import { reportEmptyBlobs } from "./empty-blob.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";

const configAnnotations: ProfileCheck = {
  code: "target-ecr-config-annotations",
  ref: "falcosecurity/falcoctl#302 and PR #310 (ECR rejects annotations on the config descriptor); aws/containers-roadmap#308; goharbor/acceleration-service#353 (2025)",
  description:
    "Amazon ECR refuses an image manifest whose config descriptor carries annotations, answering with a misleading 'Invalid JSON syntax'.",
  refuses: true,
  response: {
    status: 405,
    code: "UNSUPPORTED",
    message: "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
  },
  check(document, report) {
    const config = descriptorFields(document).find((field) => field.position === "config");
    if (!config || !isJsonObject(config.descriptor.annotations)) return;
    report(
      "/config/annotations",
      "config.annotations is refused by Amazon ECR (405 UNSUPPORTED \"Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'\"): drop the annotations from the config descriptor (ORAS file stores add org.opencontainers.image.title there)",
    );
  },
};

const emptyBlob: ProfileCheck = {
  code: "target-ecr-empty-blob",
  ref: "devcontainers/cli#814 (CompleteLayerUpload fails with EmptyUploadException for a size-0 config)",
  description:
    "Amazon ECR cannot complete the upload of a zero-byte blob, so an artifact with an empty config or layer cannot be pushed.",
  refuses: true,
  check(document, report) {
    reportEmptyBlobs(document, report, "Amazon ECR", "EmptyUploadException on CompleteLayerUpload");
  },
};

/** Amazon Elastic Container Registry (private and public). */
export const ecrProfile: RegistryProfile = {
  name: "ecr",
  title: "Amazon ECR",
  description: "Amazon Elastic Container Registry as reported by client projects whose pushes it refused.",
  sources: [
    {
      title: "falcoctl: push to ECR fails (405 Invalid JSON syntax)",
      url: "https://github.com/falcosecurity/falcoctl/issues/302",
    },
    {
      title: "falcoctl: clear config descriptor annotations for ECR",
      url: "https://github.com/falcosecurity/falcoctl/pull/310",
    },
    {
      title: "ECR: allow alternate media types (annotations on config fail)",
      url: "https://github.com/aws/containers-roadmap/issues/308",
    },
    { title: "ECR refuses a zero-byte config blob", url: "https://github.com/devcontainers/cli/issues/814" },
  ],
  notes: [
    "ECR is closed source: these facts come from client projects' bug reports, not from its code.",
    "The 405 UNSUPPORTED answer names JSON syntax although the JSON is valid; a gate emulating ECR answers the same.",
  ],
  checks: [configAnnotations, emptyBlob],
};
