import { describe, expect, it } from "vitest";
import { validate, validateImageConfig } from "../src/validate/index.js";
import { documentKinds } from "../src/validate/kinds.js";
import { defineRule, type Rule } from "../src/validate/rule.js";
import { formatMessage, ruleFindings, ruleMessage, whereLabel } from "../src/validate/rule-message.js";

const D1 = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
const LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

function manifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: D1, size: 7023 },
    layers: [{ mediaType: LAYER, digest: D1, size: 32654 }],
    ...overrides,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the rows' rules are typed for their own documents.
function distinct(rules: readonly Rule<any>[]): Rule<unknown>[] {
  return [...new Set(rules)] as Rule<unknown>[];
}

const documentRules = distinct(documentKinds.flatMap((kind) => kind.rules));
const descriptorRules = distinct(documentKinds.flatMap((kind) => kind.descriptorRules ?? []));

describe("formatMessage", () => {
  it("fills placeholders with strings and numbers", () => {
    expect(formatMessage("{{where}}urls[{{index}}] {{url}}", { where: "", index: 0, url: '"x"' })).toBe(
      'urls[0] "x"',
    );
  });

  it("fills in one pass: a value that looks like a placeholder is written as it is", () => {
    expect(formatMessage("{{a}} and {{b}}", { a: "{{b}}", b: "B" })).toBe("{{b}} and B");
  });

  it("leaves a placeholder without a value, and braces that are not placeholders, as written", () => {
    expect(formatMessage("{{a}} of {} {os, architecture} {{ b }}", {})).toBe(
      "{{a}} of {} {os, architecture} {{ b }}",
    );
    // Only own data members count: a template cannot reach Object.prototype.
    expect(formatMessage("{{constructor}}", {})).toBe("{{constructor}}");
  });
});

describe("ruleMessage", () => {
  const rule = defineRule({
    code: "layers-empty",
    severity: "warning",
    ref: "test",
    description: "test",
    messages: { empty: "{{where}}layers is empty", counted: "{{count}} layers" },
    check(_document: unknown, report) {
      report("/layers", "empty");
      report("/layers", "counted", { count: 0 });
    },
  });

  it("fills {{where}} with the place of the object the rule ran on", () => {
    expect(whereLabel("")).toBe("");
    expect(whereLabel("/manifests/3")).toBe("manifests[3].");
    expect(ruleMessage(rule, "empty", undefined, "")).toBe("layers is empty");
    expect(ruleMessage(rule, "empty", undefined, "/manifests/3")).toBe("manifests[3].layers is empty");
  });

  it("names an id the rule does not declare instead of throwing", () => {
    expect(ruleMessage(rule, "toString", undefined, "")).toBe(
      'rule layers-empty reported the undeclared message "toString"',
    );
  });

  it("ruleFindings runs one rule and words its findings", () => {
    expect(ruleFindings(rule, {})).toEqual([
      { path: "/layers", messageId: "empty", message: "layers is empty" },
      { path: "/layers", messageId: "counted", message: "0 layers" },
    ]);
  });

  it("types: an id outside the rule's messages, or data that misses or adds a placeholder, is a type error", () => {
    const checked = defineRule({
      code: "layers-empty",
      severity: "warning",
      ref: "test",
      description: "test",
      messages: { plain: "no placeholder", valued: "{{where}}{{field}} is {{value}}" },
      check(_document: unknown, report) {
        report("", "plain");
        report("", "valued", { field: "os", value: 1 });
        // @ts-expect-error: not one of this rule's message ids
        report("", "other");
        // @ts-expect-error: the template has placeholders, so data is required
        report("", "valued");
        // @ts-expect-error: `value` is missing
        report("", "valued", { field: "os" });
        // @ts-expect-error: `extra` is no placeholder of the template
        report("", "valued", { field: "os", value: 1, extra: 2 });
        // @ts-expect-error: a template without placeholders takes no data
        report("", "plain", { field: "os" });
      },
    });
    expect(ruleFindings(checked, {}).map((f) => f.message)).toEqual([
      "no placeholder",
      "os is 1",
      'rule layers-empty reported the undeclared message "other"',
      "{{field}} is {{value}}",
      "os is {{value}}",
      "os is 1",
      "no placeholder",
    ]);
  });
});

describe("every rule's messages", () => {
  it("are non-empty templates whose only double braces are placeholders", () => {
    for (const rule of [...documentRules, ...descriptorRules]) {
      const templates = Object.values(rule.messages);
      expect(templates.length, rule.code).toBeGreaterThan(0);
      for (const template of templates) {
        expect(template.replace(/\{\{[A-Za-z_][A-Za-z0-9_]*\}\}/g, ""), rule.code).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it("of rules run on nested descriptors start with {{where}}, so every finding names its place", () => {
    for (const rule of descriptorRules) {
      for (const template of Object.values(rule.messages))
        expect(template, rule.code).toMatch(/^\{\{where\}\}/);
    }
  });
});

describe("messages by id in the pipeline", () => {
  it("a nested descriptor's finding names its place, from {{where}}", () => {
    const result = validate(
      manifest({
        layers: [{ mediaType: LAYER, digest: D1, size: 1, annotations: { "org.opencontainers.x": "v" } }],
      }),
    );
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: "annotation-reserved-prefix",
        path: "/layers/0/annotations/org.opencontainers.x",
        message:
          'layers[0].annotations["org.opencontainers.x"] uses the reserved org.opencontainers prefix but is not a key any OCI specification defines',
      }),
    );
  });

  it("the annotation rules word config.Labels findings with the labels' own name and place", () => {
    const result = validateImageConfig({
      architecture: "amd64",
      os: "linux",
      rootfs: { type: "layers", diff_ids: [] },
      config: { Labels: { "org.opencontainers.image.base.digest": "latest" } },
    });
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "annotation-base-digest-format",
        path: "/config/Labels/org.opencontainers.image.base.digest",
        message:
          'config.Labels["org.opencontainers.image.base.digest"] "latest" is not a digest (algorithm:encoded, e.g. sha256 and 64 lower-case hex characters)',
      }),
    ]);
  });

  it("a hostile value that looks like a placeholder stays as written", () => {
    const result = validate(manifest({ annotations: { "org.opencontainers.{{where}}{{map}}": "v" } }));
    expect(result.issues.map((issue) => issue.message)).toEqual([
      'annotations["org.opencontainers.{{where}}{{map}}"] uses the reserved org.opencontainers prefix but is not a key any OCI specification defines',
    ]);
  });
});
