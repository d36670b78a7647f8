// Compiles every JSON Schema under schemas/ into one standalone ES module of plain validator
// functions, so nothing compiles at run time (CSP-safe, fast cold start) and ajv is not shipped.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { _, Name } from "ajv/dist/compile/codegen/index.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = join(root, "schemas");
const outDir = join(root, "src", "validate", "generated");

function listSchemas(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listSchemas(join(dir, e.name)) : e.name.endsWith(".json") ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** Export name for a schema file: schemas/oci/image-manifest.json -> ociImageManifest. */
function exportName(file) {
  return relative(schemaDir, file)
    .replace(/\.json$/, "")
    .split(/[/\-_.]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join("");
}

const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMAS = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
];

/**
 * A copy of a schema without its `description` and `$comment` keywords: they document the schema
 * files, and would otherwise be embedded in the generated code. `title` stays: messages quote it.
 */
function withoutDocs(schema) {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "description" || key === "$comment") continue;
    if (SUBSCHEMA_MAPS.includes(key))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDocs(v)]));
    else if (SUBSCHEMA_LISTS.includes(key)) out[key] = value.map(withoutDocs);
    else if (SUBSCHEMAS.includes(key)) out[key] = withoutDocs(value);
    else out[key] = value;
  }
  return out;
}

/** The source text of `node`'s property `name` in an object literal, or undefined. */
function propertyText(source, literal, name) {
  for (const property of literal.properties) {
    if (property.name?.getText(source) !== name) continue;
    if (ts.isShorthandPropertyAssignment(property)) return name;
    if (ts.isPropertyAssignment(property)) return property.initializer.getText(source);
    throw new Error(`unexpected ${name} property: ${property.getText(source)}`);
  }
  return undefined;
}

const ERROR_HELPER = "__ocispec_error";
const ERROR_KEYS = ["instancePath", "schemaPath", "keyword", "params", "schema", "parentSchema", "data"];

/**
 * ajv writes every error site out in full and embeds every schema whole for `verbose` errors: most
 * of the generated code (docs/performance.md, "Bundle size"). Each site becomes one call of a
 * shared helper that builds the error and appends it. The error keeps every member the pipeline
 * reads (src/validate/schema-issues.ts); `schema` (the failing keyword's value) goes, and
 * `parentSchema` is reduced to its `title`, the one member of it that is read, so the embedded
 * schemas go too. Parsed with TypeScript's parser, not matched with patterns: the members hold
 * arbitrary expressions. Any site of another shape stops the build.
 */
function shareErrorConstruction(text) {
  const source = ts.createSourceFile("validators.js", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits = [];
  // The schemas ajv embeds (`const schemaN = {…JSON…};`), for resolving each site's parentSchema.
  const schemas = new Map();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const [variable] = statement.declarationList.declarations;
    const name = variable?.name.getText(source) ?? "";
    if (/^schema\d+$/.test(name) && variable.initializer) {
      schemas.set(name, { statement, value: JSON.parse(variable.initializer.getText(source)) });
    }
  }
  // A schema value as the generated code reads it: `schemaN.a["b"]…`.
  const SCHEMA_PATH = /\b(schema\d+)((?:\.[A-Za-z_$][\w$]*|\["[^"\\]*"\])*)/g;
  const resolve = (expression, name, path) => {
    const root = schemas.get(name);
    if (!root) throw new Error(`unexpected ajv schema reference: ${expression}`);
    let value = root.value;
    for (const [, dotted, quoted] of path.matchAll(/\.([A-Za-z_$][\w$]*)|\["([^"\\]*)"\]/g)) {
      value = value?.[dotted ?? quoted];
    }
    if (value === undefined) throw new Error(`unresolved ajv schema reference: ${expression}`);
    return value;
  };
  // A site's params may read the schema (`{type: schema43.properties.created.type}`): the value, a
  // JSON literal, is written in its place.
  const inlineSchemaValues = (expression) =>
    expression.replace(SCHEMA_PATH, (whole, name, path) => JSON.stringify(resolve(whole, name, path)));
  // parentSchema is read for its title alone (src/validate/schema-issues.ts): each site gets a
  // shared `{ title }` (or `{}`) instead of the whole embedded schema.
  const titles = new Map();
  const titleOf = (expression) => {
    const match = new RegExp(`^${SCHEMA_PATH.source}$`).exec(expression);
    if (!match) throw new Error(`unexpected ajv parentSchema: ${expression}`);
    const value = resolve(expression, match[1], match[2]);
    if (value === null || typeof value !== "object")
      throw new Error(`unresolved ajv parentSchema: ${expression}`);
    const literal = typeof value.title === "string" ? `{ title: ${JSON.stringify(value.title)} }` : "{}";
    if (!titles.has(literal)) titles.set(literal, `__ocispec_schema${titles.size}`);
    return titles.get(literal);
  };
  const visit = (node) => {
    const statements = ts.isBlock(node) || ts.isSourceFile(node) ? node.statements : undefined;
    if (statements) {
      for (let i = 0; i < statements.length; i++) {
        const declaration = statements[i];
        if (!ts.isVariableStatement(declaration)) continue;
        const [variable] = declaration.declarationList.declarations;
        const name = variable?.name.getText(source) ?? "";
        if (!/^err\d+$/.test(name)) continue;
        const push = statements[i + 1];
        const count = statements[i + 2];
        const expectedPush = `if(vErrors === null){vErrors = [${name}];}else {vErrors.push(${name});}`;
        if (
          declaration.declarationList.declarations.length !== 1 ||
          !variable.initializer ||
          !ts.isObjectLiteralExpression(variable.initializer) ||
          push?.getText(source) !== expectedPush ||
          count?.getText(source) !== "errors++;"
        ) {
          throw new Error(`unexpected ajv error site: ${declaration.getText(source).slice(0, 200)}`);
        }
        const literal = variable.initializer;
        const keys = literal.properties.map((p) => p.name?.getText(source));
        if (keys.join() !== ERROR_KEYS.join())
          throw new Error(`unexpected ajv error members: ${keys.join()}`);
        const args = ["instancePath", "schemaPath", "keyword", "params", "parentSchema", "data"].map((key) =>
          (key === "parentSchema" ? titleOf : inlineSchemaValues)(propertyText(source, literal, key)),
        );
        if (args.includes(undefined))
          throw new Error(`ajv error site without a member: ${literal.getText(source)}`);
        edits.push({
          start: declaration.getStart(source),
          end: push.getEnd(),
          text: `vErrors = ${ERROR_HELPER}(vErrors, ${args.join(", ")});`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  // An embedded schema that nothing reads any more (its declaration is its one mention) goes.
  for (const [name, { statement }] of schemas) {
    if (out.match(new RegExp(`\\b${name}\\b`, "g"))?.length === 1)
      out = out.replace(statement.getText(source), "");
  }
  if (/\berr\d+\b/.test(out)) throw new Error("an ajv error variable is still referenced after sharing");
  // Bounded validation (limits.maxIssues): every error goes through the helper, so a journal there
  // holds them in the order the validator makes them, and a full journal stops the walk at once.
  // Safe only because no error is ever taken back (no oneOf/anyOf/not/if/contains branches): the
  // build checks that below.
  const helper = `let ${ERROR_HELPER}_journal = null;
let ${ERROR_HELPER}_max = 0;
const ${ERROR_HELPER}_stop = new Error("ocispec: schema error budget spent");
function ${ERROR_HELPER}(vErrors, instancePath, schemaPath, keyword, params, parentSchema, data) {
  const error = { instancePath, schemaPath, keyword, params, parentSchema, data };
  if (${ERROR_HELPER}_journal !== null) {
    ${ERROR_HELPER}_journal.push(error);
    if (${ERROR_HELPER}_journal.length > ${ERROR_HELPER}_max) throw ${ERROR_HELPER}_stop;
  }
  if (vErrors === null) return [error];
  vErrors.push(error);
  return vErrors;
}
function ${PATTERN_HELPER}(source, flags) {
  const expression = new RegExp(source, flags);
  // The last four strings accepted (a manifest's own, config and layer types, an artifact type).
  let a;
  let b;
  let c;
  let d;
  return {
    test(value) {
      if (value === a || value === b || value === c || value === d) return true;
      if (!expression.test(value)) return false;
      d = c;
      c = b;
      b = a;
      a = value;
      return true;
    },
  };
}
// Set while countMembers runs: the clean path, which answers only documents with no finding at all.
let ${MEMBERS}_clean = false;
// On the clean path a digest must also have its registered encoding, so the clean path need not run
// the rule digest-algorithm-encoding again (KindSpec.provenOnCleanPath). A digest in a registered
// form is grammatical (registeredFormsMatch shows it on this very expression): one pass, not two.
function ${DIGEST_HELPER}(source, flags) {
  const expression = new RegExp(source, flags);
  const formsMatch = ${DIGEST_HELPER}_formsMatch(expression);
  return {
    test(value) {
      if (!${MEMBERS}_clean) return expression.test(value);
      return (formsMatch && ${DIGEST_HELPER}_form(value)) || (expression.test(value) && ${DIGEST_HELPER}_encoding(value));
    },
  };
}
let ${MEMBERS} = 0;
export function countMembers(validate, data) {
  ${MEMBERS} = 0;
  // The first error ends it: a clean path never words errors, and a million of them cost seconds.
  ${ERROR_HELPER}_journal = [];
  ${ERROR_HELPER}_max = 0;
  ${MEMBERS}_clean = true;
  try {
    return validate(data) ? ${MEMBERS} : -1;
  } catch (error) {
    if (error !== ${ERROR_HELPER}_stop) throw error;
    return -1;
  } finally {
    ${ERROR_HELPER}_journal = null;
    ${MEMBERS}_clean = false;
  }
}
export function boundedValidate(validate, data, maxErrors) {
  ${ERROR_HELPER}_journal = [];
  ${ERROR_HELPER}_max = maxErrors;
  try {
    const valid = validate(data);
    return { valid, errors: valid ? [] : ${ERROR_HELPER}_journal, complete: true };
  } catch (error) {
    if (error !== ${ERROR_HELPER}_stop) throw error;
    return { valid: false, errors: ${ERROR_HELPER}_journal, complete: false };
  } finally {
    ${ERROR_HELPER}_journal = null;
  }
}
`;
  const shared = [...titles].map(([literal, name]) => `const ${name} = ${literal};`).join("\n");
  return `${helper}${shared}\n${out}`;
}

const MEMBERS = "__ocispec_members";
const PATTERN_HELPER = "__ocispec_pattern";
const DIGEST_HELPER = "__ocispec_digest";
const MEMBERS_CODE = new Name(MEMBERS);
const UNDESCRIBED = new Name("__ocispec_undescribed");
const OPEN = new Name("__ocispec_open");

/**
 * Every object schema gains the keyword `ocispecMembers`, whose generated code counts, while the
 * validator walks a document, the members the schema describes: of a struct (`properties`), the
 * known members present; of a map (`additionalProperties` a schema), every member. `countMembers`
 * answers that count for a valid document. A member the schema does not describe (an unknown or
 * misspelt name, anything inside a value the schema leaves open) is never counted, so the count
 * equals the text's member separators only when the schema has seen every member — the proof the
 * clean path of `validate` (src/validate/clean-path.ts) needs instead of a second walk.
 */
function withMemberCounts(schema) {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SUBSCHEMA_MAPS.includes(key))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMemberCounts(v)]));
    else if (SUBSCHEMA_LISTS.includes(key)) out[key] = value.map(withMemberCounts);
    else if (SUBSCHEMAS.includes(key)) out[key] = withMemberCounts(value);
    else out[key] = value;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("object")) out.ocispecMembers = true;
  return out;
}

/** The counting code of one object schema (see {@link withMemberCounts}). */
const memberCountKeyword = {
  keyword: "ocispecMembers",
  type: "object",
  schemaType: "boolean",
  code(cxt) {
    const { gen, data, parentSchema } = cxt;
    const names = Object.keys(parentSchema.properties ?? {});
    const map = typeof parentSchema.additionalProperties === "object";
    if (map && names.length > 0)
      throw new Error("an object schema both lists properties and maps every other key: count how?");
    const key = gen.name("key");
    if (map) {
      // A map's keys are free (the reader folds no names in annotations, Labels, …).
      gen.forIn(key, data, () => gen.code(_`${MEMBERS_CODE}++`));
    } else if (names.length > 0) {
      // A struct: its own members count one each; any other is counted as the reader reads it.
      gen.forIn(key, data, () => {
        let known = _`false`;
        for (const name of names) known = _`${known} || ${key} === ${name}`;
        gen.if(
          known,
          () => gen.code(_`${MEMBERS_CODE}++`),
          () => gen.code(_`${MEMBERS_CODE} += ${UNDESCRIBED}(${key}, ${data}[${key}])`),
        );
      });
    } else {
      gen.code(_`${MEMBERS_CODE} += ${OPEN}(${data})`);
    }
  },
};

const files = listSchemas(schemaDir);

const ajv = new Ajv2020.default({
  strict: true,
  allErrors: true,
  coerceTypes: false,
  useDefaults: false,
  $data: false,
  // Errors carry the failing schema (its `title` words the rule in messages) and the value.
  verbose: true,
  // src/validate/schema-issues.ts words every keyword these schemas use itself: ajv's English goes.
  messages: false,
  code: { source: true, esm: true, lines: false },
});
ajv.addKeyword(memberCountKeyword);
const exportsMap = {};
for (const file of files) {
  const schema = withMemberCounts(withoutDocs(JSON.parse(readFileSync(file, "utf8"))));
  ajv.addSchema(schema);
  if (!schema.$id) throw new Error(`${relative(root, file)}: every schema needs an $id`);
  // Schemas under defs/ are only referenced; the others are entry points.
  if (!relative(schemaDir, file).startsWith("defs")) exportsMap[exportName(file)] = schema.$id;
}

let code = standaloneCode.default(ajv, exportsMap);
// ajv's ESM output still require()s its runtime helpers (ajv issues #2598, #1976): turn those into
// imports so the bundler can inline them.
const helpers = new Map();
code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)(\.default)?/gi, (_m, mod, dflt) => {
  const name = `__rt_${mod.split("/").pop()}${dflt ? "" : "_ns"}`;
  helpers.set(name, { mod: `${mod}.js`, dflt: Boolean(dflt) });
  return name;
});
const imports = [...helpers].map(([name, { mod, dflt }]) =>
  dflt
    ? `import ${name}__m from "${mod}";\nconst ${name} = ${name}__m.default ?? ${name}__m;`
    : `import * as ${name} from "${mod}";`,
);
// ajv merges a referenced schema's errors with vErrors.concat(...), which copies every error so far
// for each failing element (quadratic on hostile documents, docs/security.md). Append instead; the
// callee's array is fresh on every call, so taking it over is safe.
code = code.replace(
  /vErrors = vErrors === null \? ([\w$.]+) : vErrors\.concat\(\1\);/g,
  (_m, errors) =>
    `if (vErrors === null) vErrors = ${errors}; else for (const e of ${errors}) vErrors.push(e);`,
);
if (code.includes("vErrors.concat(")) throw new Error("generated validators still copy errors with concat");
// The error journal of boundedValidate (shareErrorConstruction) assumes every error made is kept:
// ajv takes errors back only after a branch (oneOf, anyOf, not, if, contains), which it writes with
// `_errsN` marks and by truncating vErrors. A schema that adds one needs another way to stop early.
if (/\b_errs\d+\b|vErrors\.length\s*=/.test(code)) {
  throw new Error(
    "a schema uses a branching keyword: boundedValidate's error journal would keep errors ajv takes back",
  );
}
// The media-type pattern remembers the last four strings it accepted: documents repeat a handful
// of media types, and comparing with them costs far less than running the expression again.
const mediaTypePattern = JSON.parse(readFileSync(join(schemaDir, "defs", "media-type.json"), "utf8")).pattern;
const mediaTypeRegExp = `new RegExp(${JSON.stringify(mediaTypePattern)}, "u")`;
if (!code.includes(mediaTypeRegExp)) throw new Error("the media-type pattern is not compiled as expected");
code = code.replaceAll(mediaTypeRegExp, () => `${PATTERN_HELPER}(${JSON.stringify(mediaTypePattern)}, "u")`);
// The digest pattern, on the clean path, also holds digests to their registered encoding (the
// rule digest-algorithm-encoding), in the same pass: see DIGEST_HELPER.
const digestPattern = JSON.parse(readFileSync(join(schemaDir, "defs", "digest.json"), "utf8")).pattern;
const digestRegExp = `new RegExp(${JSON.stringify(digestPattern)}, "u")`;
if (!code.includes(digestRegExp)) throw new Error("the digest pattern is not compiled as expected");
code = code.replaceAll(digestRegExp, () => `${DIGEST_HELPER}(${JSON.stringify(digestPattern)}, "u")`);
// ajv keeps, on every validator, which members it evaluated — read only by unevaluatedProperties
// and unevaluatedItems, which no schema here uses: the bookkeeping goes (bytes and a few loads a call).
if (files.some((file) => readFileSync(file, "utf8").includes('"unevaluated'))) {
  throw new Error("a schema uses unevaluatedProperties/Items: keep ajv's evaluated bookkeeping");
}
code = code
  .replace(
    /const (evaluated\d+) = (validate\d+)\.evaluated;if\(\1\.dynamicProps\)\{\1\.props = undefined;\}if\(\1\.dynamicItems\)\{\1\.items = undefined;\}/g,
    "",
  )
  .replace(
    /validate\d+\.evaluated = \{"props":(?:\{[^}]*\}|true|false)(?:,"items":(?:true|false|\d+))?,"dynamicProps":(?:true|false),"dynamicItems":(?:true|false)\};/g,
    "",
  );
if (code.includes("evaluated")) throw new Error("ajv's evaluated bookkeeping is not removed as expected");
code = shareErrorConstruction(code);
imports.push(
  `import { undescribedMemberCount as ${UNDESCRIBED}, openObjectMemberCount as ${OPEN} } from "../undescribed-members.js";`,
  `import { hasRegisteredEncoding as ${DIGEST_HELPER}_encoding, hasRegisteredForm as ${DIGEST_HELPER}_form, registeredFormsMatch as ${DIGEST_HELPER}_formsMatch } from "../../digest/registered-encoding.js";`,
);
code = `// @ts-nocheck\n// Generated by scripts/compile-schemas.mjs from schemas/. Do not edit.\n${imports.join("\n")}\n${code}`;
if (/\brequire\(/.test(code)) throw new Error("generated validators still contain require()");

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "validators.js"), code);
const dts = [
  "// Generated by scripts/compile-schemas.mjs. Do not edit.",
  'import type { BoundedValidation, CompiledValidator } from "../compiled-validator.js";',
  ...Object.keys(exportsMap).map((name) => `export declare const ${name}: CompiledValidator;`),
  "/** Runs `validate` and stops it once it has made more than `maxErrors` errors (`complete: false`). */",
  "/** Runs `validate`; for a valid document, the members of its objects the schemas describe (see scripts/compile-schemas.mjs), else -1. */",
  "export declare function countMembers(validate: CompiledValidator, data: unknown): number;",
  "export declare function boundedValidate(validate: CompiledValidator, data: unknown, maxErrors: number): BoundedValidation;",
  "",
].join("\n");
writeFileSync(join(outDir, "validators.d.ts"), dts);
console.log(
  `compiled ${Object.keys(exportsMap).length} schemas (${files.length} files) into src/validate/generated/`,
);
