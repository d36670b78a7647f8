// The playground: a CodeMirror 6 editor whose gutter carries every finding the library reports,
// the options that change the verdict, the registry's answer, one-click examples, a permalink in
// the fragment, and a Falco config builder. Everything runs in the page; nothing is sent anywhere.

import { defaultKeymap, history as editorHistory, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState, type Text } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { mediaTypes, registryProfiles } from "ocispec";
import { cleanImageExample, examples } from "./examples.js";
import { mountFalcoBuilder } from "./falco-builder.js";
import { decodeState, encodeState, type PlaygroundState } from "./permalink.js";
import { type Finding, type Verdict, verdictOf } from "./verdict.js";

/** The Content-Types a document can be pushed with: every manifest, index and config type in the table. */
const contentTypes = mediaTypes.filter((row) => ["manifest", "index", "config"].includes(row.kind));

/** The performance mark set when the first verdict is shown (bench/site.mjs reads it). */
export const FIRST_VERDICT = "ocispec-first-verdict";

/** The longest fragment the page writes (Chromium keeps URLs up to 2 MB; others less). */
const MAX_FRAGMENT = 256 * 1024;

/** CodeMirror knows these severities; any other the library may report is shown as a warning. */
const editorSeverities = new Set(["error", "warning", "info", "hint"]);

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The editor range of a finding: from its line and column to the end of that line's value. */
function rangeOf(doc: Text, finding: Finding): { from: number; to: number } {
  const { line, column } = finding.issue;
  if (line === undefined || line < 1 || line > doc.lines) return { from: 0, to: Math.min(doc.length, 1) };
  const text = doc.line(line);
  const from = Math.min(text.to, text.from + Math.max(0, (column ?? 1) - 1));
  const to = Math.max(from, text.from + text.text.replace(/[,\s]+$/, "").length);
  return { from, to: to === from ? Math.min(doc.length, from + 1) : to };
}

function diagnosticsOf(doc: Text, verdict: Verdict): Diagnostic[] {
  return verdict.findings.map((finding) => {
    const severity = finding.issue.severity;
    return {
      ...rangeOf(doc, finding),
      severity: (editorSeverities.has(severity) ? severity : "warning") as Diagnostic["severity"],
      source: finding.issue.code,
      message: [
        finding.issue.message,
        finding.rule ? `Rule: ${finding.rule}` : "",
        finding.ref ? `Ref: ${finding.ref}` : "",
        finding.response
          ? `Registry answers: ${finding.response.status} ${finding.response.code} ${finding.response.message}`
          : "",
      ]
        .filter((part) => part !== "")
        .join("\n"),
    };
  });
}

function findingItem(finding: Finding): HTMLElement {
  const { issue } = finding;
  const where = issue.line === undefined ? "document" : `line ${issue.line}, column ${issue.column ?? 1}`;
  const item = element(
    "li",
    {
      class: `pg-finding pg-${issue.severity}`,
      "data-code": issue.code,
      "data-line": String(issue.line ?? ""),
    },
    element("span", { class: "pg-severity" }, issue.severity),
    " ",
    element("code", { class: "pg-code" }, issue.code),
    " ",
    element("span", { class: "pg-where" }, `${where}${issue.path === "" ? "" : ` (${issue.path})`}`),
    element("div", { class: "pg-message" }, issue.message),
  );
  if (finding.rule) item.append(element("div", { class: "pg-rule" }, `Rule: ${finding.rule}`));
  if (finding.ref) item.append(element("div", { class: "pg-ref" }, `Spec / source: ${finding.ref}`));
  if (finding.response) {
    const r = finding.response;
    item.append(
      element(
        "div",
        { class: "pg-response" },
        `${finding.refuses ? "The registry refuses: " : "The registry's answer when it refuses: "}${r.status} ${r.code} — ${r.message}`,
      ),
    );
  }
  return item;
}

/** Mounts the playground into `host`; returns a function that takes it down. */
export function mountPlayground(host: HTMLElement): () => void {
  host.replaceChildren();
  const knownTargets = registryProfiles.map((profile) => profile.name);

  const exampleBar = element("div", { class: "pg-examples" }, element("strong", {}, "Examples: "));
  const contentType = element("select", { id: "pg-content-type", "aria-label": "Content-Type" });
  contentType.append(element("option", { value: "" }, "(no Content-Type)"));
  for (const row of contentTypes)
    contentType.append(element("option", { value: row.mediaType }, row.mediaType));
  const preset = element("select", { id: "pg-preset", "aria-label": "Preset" });
  for (const name of ["default", "strict"]) preset.append(element("option", { value: name }, name));
  const targets = element("fieldset", { class: "pg-targets" }, element("legend", {}, "Targets"));
  const targetBoxes = new Map<string, HTMLInputElement>();
  for (const profile of registryProfiles) {
    const box = element("input", { type: "checkbox", value: profile.name, id: `pg-target-${profile.name}` });
    targetBoxes.set(profile.name, box);
    targets.append(
      element("label", { title: profile.description }, box, ` ${profile.title} (${profile.name})`),
    );
  }
  const permalink = element("a", { id: "pg-permalink", href: "#" }, "Permalink");
  const options = element(
    "div",
    { class: "pg-options" },
    element("label", {}, "Content-Type ", contentType),
    element("label", {}, "Preset ", preset),
    permalink,
    targets,
  );
  const editorHost = element("div", { class: "pg-editor", id: "pg-editor" });
  const summary = element("div", { class: "pg-summary", id: "pg-summary", role: "status" });
  const findings = element("ol", { class: "pg-findings", id: "pg-findings" });
  const answerBody = element("pre", { class: "pg-answer", id: "pg-answer" });
  const answerStatus = element("summary", { id: "pg-answer-status" }, "The registry's answer");
  const answer = element("details", { class: "pg-answer-box", open: "" }, answerStatus, answerBody);
  const builderHost = element("section", { class: "pg-builder", id: "pg-builder" });
  host.append(
    exampleBar,
    options,
    element("p", { class: "pg-hint" }, "Paste or drop a manifest, index, image config or Falco config."),
    editorHost,
    summary,
    findings,
    answer,
    builderHost,
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  const view = new EditorView({
    parent: editorHost,
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(),
        editorHistory(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        json(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          clearTimeout(timer);
          timer = setTimeout(evaluate, 120);
        }),
        EditorView.domEventHandlers({
          drop(event, editor) {
            const file = event.dataTransfer?.files[0];
            if (!file) return false;
            event.preventDefault();
            void file.text().then((text) => {
              editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
            });
            return true;
          },
        }),
      ],
    }),
  });

  function currentState(): PlaygroundState {
    return {
      document: view.state.doc.toString(),
      contentType: contentType.value,
      targets: knownTargets.filter((name) => targetBoxes.get(name)?.checked),
      preset: preset.value === "strict" ? "strict" : "default",
    };
  }

  function apply(state: PlaygroundState): void {
    // A content type the table lacks (from an old or hand-made link) is still offered.
    if (state.contentType !== "" && !contentTypes.some((row) => row.mediaType === state.contentType)) {
      contentType.append(element("option", { value: state.contentType }, state.contentType));
    }
    contentType.value = state.contentType;
    preset.value = state.preset;
    for (const [name, box] of targetBoxes) box.checked = state.targets.includes(name);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: state.document } });
    evaluate();
  }

  function evaluate(): void {
    clearTimeout(timer);
    const state = currentState();
    const verdict = verdictOf(state);
    view.dispatch(setDiagnostics(view.state, diagnosticsOf(view.state.doc, verdict)));
    const counts = Object.entries(verdict.counts)
      .map(([severity, count]) => `${count} ${severity}${count === 1 ? "" : "s"}`)
      .join(", ");
    summary.textContent = `${verdict.result.valid ? "Valid" : "Invalid"} ${verdict.result.kind}${counts === "" ? ", no findings" : `: ${counts}`}`;
    summary.dataset.valid = String(verdict.result.valid);
    findings.replaceChildren(...verdict.findings.map(findingItem));
    const accepted = verdict.answer.status >= 200 && verdict.answer.status < 300;
    answerStatus.textContent = `The registry's answer (${verdict.answer.from}): ${verdict.answer.status}${accepted ? " accepted" : " refused"}`;
    answerBody.textContent =
      verdict.answer.body === null ? "(no body)" : JSON.stringify(verdict.answer.body, null, 2);
    // The address bar is the permalink, up to a length every browser keeps in a URL.
    const fragment = encodeState(state);
    if (fragment.length <= MAX_FRAGMENT) {
      permalink.href = fragment;
      permalink.textContent = "Permalink";
      window.history.replaceState(window.history.state, "", fragment);
    } else {
      permalink.removeAttribute("href");
      permalink.textContent = "(too large for a permalink)";
      window.history.replaceState(window.history.state, "", location.pathname);
    }
    host.dataset.verdict = verdict.result.valid ? "valid" : "invalid";
    // The bench's first-verdict time: from navigation start to the first verdict on screen.
    if (performance.getEntriesByName(FIRST_VERDICT).length === 0) performance.mark(FIRST_VERDICT);
  }

  for (const example of examples) {
    const button = element(
      "button",
      { type: "button", "data-example": example.id, title: example.about },
      example.label,
    );
    button.addEventListener("click", () => apply(example.state()));
    exampleBar.append(button, " ");
  }
  contentType.addEventListener("change", evaluate);
  preset.addEventListener("change", evaluate);
  targets.addEventListener("change", evaluate);

  const unmountBuilder = mountFalcoBuilder(builderHost, (text, mediaType) =>
    apply({ ...currentState(), document: text, contentType: mediaType }),
  );

  const fromLink = decodeState(location.hash);
  const initial = fromLink
    ? { ...fromLink, targets: fromLink.targets.filter((name) => knownTargets.includes(name)) }
    : cleanImageExample.state();
  apply(initial);
  return () => {
    clearTimeout(timer);
    unmountBuilder();
    view.destroy();
    host.replaceChildren();
  };
}
