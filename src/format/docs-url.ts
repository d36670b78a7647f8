/**
 * Where ocispec's documentation is published: the `docs/` folder of the repository. SARIF output
 * links each rule here (`helpUri`); {@link ruleDocsUrl} picks the section.
 *
 * @example
 * `${DOCS_URL}validation.md#layers-empty`
 */
export const DOCS_URL = "https://github.com/ocispec/ocispec/blob/main/docs/";

/**
 * The project's home page: SARIF's `tool.driver.informationUri`.
 *
 * @example
 * toSarifLog(report, { version }).runs[0].tool.driver.informationUri === PROJECT_URL // true
 */
export const PROJECT_URL = "https://github.com/ocispec/ocispec";

// Codes documented outside docs/validation.md, by prefix, with the section that describes them.
const SECTIONS: readonly { prefix: string; section: string }[] = [
  { prefix: "target-", section: "registry.md#2-will-gitlab-take-this--registry-compatibility-profiles" },
  { prefix: "upload-", section: "registry.md#the-answer-error-codes-for-registries" },
  { prefix: "policy-", section: "registry.md#the-answer-error-codes-for-registries" },
  { prefix: "blob-", section: "cli.md#oci-image-layouts" },
  { prefix: "layout-", section: "cli.md#oci-image-layouts" },
  { prefix: "schema-", section: "validation.md#schema-findings" },
];

/**
 * The documentation section that explains an issue code: its own heading in docs/validation.md
 * for the validators' codes, the registry profiles for `target-*`, the registry answers for
 * `upload-*` and `policy-*`, the layout check for `blob-*` and `layout-*`, the table of schema
 * findings for `schema-*`.
 *
 * @example
 * ruleDocsUrl("layers-empty") // "https://github.com/ocispec/ocispec/blob/main/docs/validation.md#layers-empty"
 */
export function ruleDocsUrl(code: string, base: string = DOCS_URL): string {
  const section = SECTIONS.find((entry) => code.startsWith(entry.prefix))?.section;
  return `${base}${section ?? `validation.md#${code}`}`;
}
