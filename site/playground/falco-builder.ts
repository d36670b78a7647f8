// The Falco config builder: a form over buildFalcoConfig that shows the exact bytes falcoctl
// would push, their digest and descriptor, and opens them in the editor to validate.
import { BuildError, buildFalcoConfig } from "ocispec";

const KINDS = ["rulesfile", "plugin", "asset"] as const;

function field(label: string, input: HTMLElement): HTMLLabelElement {
  const wrapper = document.createElement("label");
  wrapper.append(`${label} `, input);
  return wrapper;
}

/** Entries of a list field: one per line or comma, blanks dropped. */
function entries(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** Mounts the builder into `host`; `open` receives the built bytes as text and their media type. */
export function mountFalcoBuilder(
  host: HTMLElement,
  open: (text: string, mediaType: string) => void,
): () => void {
  const heading = document.createElement("h2");
  heading.textContent = "Build a Falco config blob";
  const kind = document.createElement("select");
  kind.id = "fb-kind";
  for (const name of KINDS) kind.append(new Option(name, name));
  const name = Object.assign(document.createElement("input"), { id: "fb-name", value: "my-rules" });
  const version = Object.assign(document.createElement("input"), { id: "fb-version", value: "1.0.0" });
  const dependencies = Object.assign(document.createElement("textarea"), {
    id: "fb-dependencies",
    rows: 2,
    placeholder: "json:0.7.0|json:0.8.0",
  });
  const requirements = Object.assign(document.createElement("textarea"), {
    id: "fb-requirements",
    rows: 2,
    value: "engine_version_semver:0.37.0",
  });
  const build = Object.assign(document.createElement("button"), { type: "button", id: "fb-build" });
  build.textContent = "Build";
  const openButton = Object.assign(document.createElement("button"), {
    type: "button",
    id: "fb-open",
    disabled: true,
  });
  openButton.textContent = "Open in the editor";
  const output = Object.assign(document.createElement("pre"), { id: "fb-output" });
  host.append(
    heading,
    field("Kind", kind),
    field("Name", name),
    field("Version", version),
    field("Dependencies (one per line)", dependencies),
    field("Requirements (one per line)", requirements),
    build,
    " ",
    openButton,
    output,
  );

  let built: { text: string; mediaType: string } | undefined;
  const run = () => {
    try {
      const result = buildFalcoConfig({
        kind: kind.value as (typeof KINDS)[number],
        ...(name.value.trim() === "" ? {} : { name: name.value.trim() }),
        ...(version.value.trim() === "" ? {} : { version: version.value.trim() }),
        dependencies: entries(dependencies.value),
        requirements: entries(requirements.value),
      });
      const text = new TextDecoder().decode(result.bytes);
      built = { text, mediaType: result.descriptor.mediaType };
      output.dataset.state = "built";
      output.textContent = `bytes (${result.bytes.length}):\n${text}\n\ndigest: ${result.descriptor.digest}\n\ndescriptor:\n${JSON.stringify(result.descriptor, null, 2)}`;
    } catch (error) {
      built = undefined;
      output.dataset.state = "error";
      output.textContent =
        error instanceof BuildError ? `BuildError: ${error.message}` : `Error: ${String(error)}`;
    }
    openButton.disabled = built === undefined;
  };
  build.addEventListener("click", run);
  openButton.addEventListener("click", () => {
    if (built) open(built.text, built.mediaType);
  });
  run();
  return () => host.replaceChildren();
}
