/**
 * Thrown by every builder when its input cannot become a canonical, portable document. The message
 * names the field, the rule it breaks, and what to change; `field` is the path of the offending
 * input value in the builder's argument (`layers[1].size`, `annotations["org.example"]`).
 *
 * @example
 * try {
 *   buildImageManifest({ config: emptyDescriptor, layers: [emptyDescriptor] });
 * } catch (error) {
 *   if (error instanceof BuildError) console.log(error.field); // "artifactType"
 * }
 */
export class BuildError extends Error {
  /** Path of the offending value in the builder's input; `""` is the whole input. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(field === "" ? message : `${field}: ${message}`);
    this.name = "BuildError";
    this.field = field;
  }
}

/** The path of member `key` inside the input value at `field`, for {@link BuildError.field}. */
export function fieldPath(field: string, key: string): string {
  return field === "" ? key : `${field}.${key}`;
}
