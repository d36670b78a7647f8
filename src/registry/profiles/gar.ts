import { reportEmptyBlobs } from "./empty-blob.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";

const emptyBlob: ProfileCheck = {
  code: "target-gar-empty-blob",
  ref: 'oras-project/oras-go#294 "GAR (Google Artifact Registry) won\'t accept empty blob"; oras-project/oras#532',
  description:
    "Google Artifact Registry answers 400 to the upload of a zero-byte blob, so an artifact with an empty config or layer cannot be pushed.",
  refuses: true,
  check(document, report) {
    reportEmptyBlobs(document, report, "Google Artifact Registry", "400 on the blob upload");
  },
};

/** Google Artifact Registry (and the retired Container Registry). */
export const garProfile: RegistryProfile = {
  name: "gar",
  title: "Google Artifact Registry",
  description:
    "Google Artifact Registry docker repositories, as reported by client projects whose pushes it refused.",
  sources: [
    { title: "GAR won't accept empty blob", url: "https://github.com/oras-project/oras-go/issues/294" },
    { title: "oras push to GAR fails with 400", url: "https://github.com/oras-project/oras/issues/532" },
    {
      title: "GAR does not support chunked blob uploads",
      url: "https://github.com/kitops-ml/kitops/issues/777",
    },
  ],
  notes: [
    "GAR is closed source: these facts come from client projects' bug reports, not from its code.",
    "The sources quote only the 400 status of the empty-blob refusal, not its error code.",
    "GAR does not accept chunked blob uploads (kitops#777); that is a client transfer choice, not a property of the manifest.",
  ],
  checks: [emptyBlob],
};
