import type { MemberPresence } from "../../json/member-presence.js";
import { ociImageLayout } from "../generated/validators.js";

/**
 * The `oci-layout` file, `application/vnd.oci.layout.header.v1+json` (image-spec v1.1.1
 * image-layout.md#oci-layout-file): "This JSON object serves as a marker for the base of an Open
 * Container Image Layout and to provide the version of the image-layout in use."
 *
 * @example
 * // The content of an OCI layout's `oci-layout` file.
 * const header: ImageLayoutHeader = { imageLayoutVersion: "1.0.0" };
 * validate(header).kind; // "image-layout"
 */
export interface ImageLayout {
  /**
   * REQUIRED. "The `imageLayoutVersion` value will align with the OCI Image Specification version at
   * the time changes to the layout are made" — `1.0.0` for every image-spec release so far.
   */
  imageLayoutVersion: string;
}

/** Every member of {@link ImageLayout} with its presence, checked against schemas/oci/image-layout.json. */
export const imageLayoutMembers = {
  imageLayoutVersion: "required",
} as const satisfies MemberPresence<ImageLayout>;

/**
 * Whether a parsed value has the shape of an `oci-layout` file.
 *
 * @example
 * isImageLayout({ imageLayoutVersion: "1.0.0" }) // true
 */
export function isImageLayout(value: unknown): value is ImageLayout {
  return ociImageLayout(value);
}
