export { pointerToken } from "../json/json-pointer.js";

/**
 * A JSON Pointer as a field name for messages: `/layers/0/size` → `layers[0].size`,
 * `/annotations/a~1b` → `annotations["a/b"]`; `""` is `the document`.
 *
 * @example
 * pointerLabel("/manifests/3/platform/os") // "manifests[3].platform.os"
 */
export function pointerLabel(pointer: string): string {
  if (pointer === "") return "the document";
  let label = "";
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^(?:0|[1-9][0-9]*)$/.test(token)) label += `[${token}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$.]*$/.test(token) && !token.endsWith(".")) {
      label += label === "" ? token : `.${token}`;
    } else label += `[${JSON.stringify(token)}]`;
  }
  return label;
}

/**
 * The pointer of the closest ancestor: `/config/digest` → `/config`; `""` stays `""`.
 *
 * @example
 * parentPointer("/layers/0") // "/layers"
 */
export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf("/")));
}
