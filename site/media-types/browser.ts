// The media-type table to browse: every row of the library's `mediaTypes`, searchable and filtered
// by kind, family, status and whether a registry knows the type (and since which release).
import { type MediaTypeInfo, mediaTypes, registryProfiles } from "ocispec";

const uniqueSorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** A registry's human name from its profile, else the table's lower-case name. */
function titleOf(name: string): string {
  return registryProfiles.find((profile) => profile.name === name)?.title ?? name;
}

/** What the table says about `row` for `registry`: known (since when, from where) or not. */
export function knownByText(row: MediaTypeInfo, registry: string): { known: boolean; text: string } {
  const entry = row.knownBy.find((by) => by.name === registry);
  if (!entry) return { known: false, text: `unknown to ${titleOf(registry)}` };
  const since = entry.since === undefined ? "" : ` since ${entry.since}`;
  const source = entry.source === undefined ? "" : ` (${entry.source})`;
  return { known: true, text: `known to ${titleOf(registry)}${since}${source}` };
}

function select(id: string, label: string, values: readonly string[], any: string): HTMLSelectElement {
  const node = document.createElement("select");
  node.id = id;
  node.setAttribute("aria-label", label);
  node.append(new Option(any, ""));
  for (const value of values) node.append(new Option(value, value));
  return node;
}

function facts(row: MediaTypeInfo): HTMLElement {
  const list = document.createElement("dl");
  const add = (term: string, value: string | Node | undefined) => {
    if (value === undefined) return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.append(value);
    list.append(dt, dd);
  };
  const link = Object.assign(document.createElement("a"), {
    href: row.spec,
    textContent: row.spec,
    rel: "noreferrer",
  });
  add("Defined by", row.definedBy);
  add("Specification", link);
  add("Compression", row.compression);
  add("Encrypted", row.encrypted ? "yes (ocicrypt)" : undefined);
  add("Non-distributable", row.nonDistributable ? "yes (pushed by URL, not by blob)" : undefined);
  add("Equivalent", row.equivalent);
  add("Schema", row.schema);
  add(
    "Known by",
    row.knownBy.length === 0
      ? "no registry or tool recorded"
      : row.knownBy
          .map(
            (by) => `${by.name}${by.since ? ` since ${by.since}` : ""}${by.source ? ` (${by.source})` : ""}`,
          )
          .join("; "),
  );
  add("Notes", row.notes);
  return list;
}

/** Mounts the browser into `host`; returns a function that takes it down. */
export function mountMediaTypes(host: HTMLElement): () => void {
  host.replaceChildren();
  const registries = uniqueSorted(mediaTypes.flatMap((row) => row.knownBy.map((by) => by.name)));
  // GitLab first: its hard-coded table is why this page exists.
  registries.sort((a, b) => Number(b === "gitlab") - Number(a === "gitlab"));
  const search = Object.assign(document.createElement("input"), {
    id: "mt-search",
    type: "search",
    placeholder: "Search media types, descriptions, notes…",
  });
  search.setAttribute("aria-label", "Search");
  const kind = select("mt-kind", "Kind", uniqueSorted(mediaTypes.map((row) => row.kind)), "any kind");
  const family = select(
    "mt-family",
    "Family",
    uniqueSorted(mediaTypes.map((row) => row.family)),
    "any family",
  );
  const status = select(
    "mt-status",
    "Status",
    uniqueSorted(mediaTypes.map((row) => row.status)),
    "any status",
  );
  const registry = select("mt-registry", "Registry", registries, "");
  registry.firstElementChild?.remove();
  registry.value = registries[0] ?? "";
  const known = document.createElement("select");
  known.id = "mt-known";
  known.setAttribute("aria-label", "Known by the registry");
  known.append(
    new Option("known or not", ""),
    new Option("known", "known"),
    new Option("unknown", "unknown"),
  );
  const count = Object.assign(document.createElement("p"), { id: "mt-count" });
  count.setAttribute("role", "status");

  const table = document.createElement("table");
  table.id = "mt-table";
  const head = table.createTHead().insertRow();
  for (const title of ["Media type", "Kind", "Family", "Status", "Registry"]) {
    const th = document.createElement("th");
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  const rows = mediaTypes.map((row) => {
    const tr = body.insertRow();
    tr.dataset.mediaType = row.mediaType;
    const name = document.createElement("details");
    const summary = document.createElement("summary");
    const code = document.createElement("code");
    code.textContent = row.mediaType;
    summary.append(code);
    const description = document.createElement("p");
    description.textContent = row.description;
    name.append(summary, description, facts(row));
    tr.insertCell().append(name);
    tr.insertCell().textContent = row.kind;
    tr.insertCell().textContent = row.family;
    tr.insertCell().textContent = row.status;
    const registryCell = tr.insertCell();
    registryCell.className = "mt-known";
    const haystack = [
      row.mediaType,
      row.description,
      row.family,
      row.kind,
      row.notes ?? "",
      row.definedBy ?? "",
    ]
      .join(" ")
      .toLowerCase();
    return { row, tr, registryCell, haystack };
  });

  const filter = () => {
    const words = search.value
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== "");
    let shown = 0;
    for (const { row, tr, registryCell, haystack } of rows) {
      const answer = knownByText(row, registry.value);
      registryCell.textContent = answer.text;
      registryCell.dataset.known = String(answer.known);
      const visible =
        words.every((word) => haystack.includes(word)) &&
        (kind.value === "" || row.kind === kind.value) &&
        (family.value === "" || row.family === family.value) &&
        (status.value === "" || row.status === status.value) &&
        (known.value === "" || (known.value === "known") === answer.known);
      tr.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = `${shown} of ${rows.length} media types`;
  };
  for (const control of [search, kind, family, status, registry, known]) {
    control.addEventListener("input", filter);
    control.addEventListener("change", filter);
  }
  const controls = document.createElement("div");
  controls.className = "mt-controls";
  const labelled = (text: string, control: HTMLElement) => {
    const label = document.createElement("label");
    label.append(`${text} `, control);
    return label;
  };
  controls.append(
    search,
    kind,
    family,
    status,
    labelled("Registry", registry),
    labelled("is it known?", known),
  );
  host.append(controls, count, table);
  filter();
  return () => host.replaceChildren();
}
