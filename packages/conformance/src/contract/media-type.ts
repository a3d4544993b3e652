/**
 * The contract names a media type; an answer's Content-Type may add parameters (a charset) that
 * are not part of it. Every check that compares the two compares their essence.
 */

/** A media type without its parameters, lower case: `application/json;charset=UTF-8` → `application/json`. */
export function mediaTypeEssence(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}
