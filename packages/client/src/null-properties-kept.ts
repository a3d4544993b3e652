/**
 * Workaround of an openapi-typescript-helpers 0.1.0 bug. The fix offered upstream, and when to
 * remove this file, are in the repository's packages/client/upstream/ (README.md and the patch).
 *
 * openapi-fetch passes every response body through the helpers' `Readable<T>`, which drops each
 * property whose type is exactly `null`: it drops a key when `NonNullable<T[K]> extends $Write<any>`,
 * and `NonNullable<null>` is `never`, which extends anything. The contract's business errors
 * (`BusinessError.data`, `TokenError.data`) are `enum: [null]`, typed `data: null`, so `data`
 * vanished from every answer of the raw client.
 *
 * `Readable` unwraps the read-only marker `$Read<U>` to `U`, and keeps a marked key. So these
 * types add that marker to each null-only property of a response body: the raw client then reads
 * it as `null`, exactly as the contract types it. Request types, and the generated `paths` that
 * the main entry exports, are left as they are. A typed wrapper, rather than a post-processing of
 * the codegen, because no generated type can be exactly `null` and survive `Readable`; the marker
 * only lives in the raw client's type.
 */

/**
 * openapi-typescript-helpers' `$Read<T>`, restated because this package depends on openapi-fetch
 * only, not on the helpers it uses; `Readable` matches the marker by its shape.
 */
type ReadMarker<T> = { readonly $read: T };

/** `true` when a property of type `T` can only be `null` or absent: the case `Readable` drops. */
type IsOnlyNull<T> = [NonNullable<T>] extends [never] ? (null extends T ? true : false) : false;

/**
 * `T` with the marker added to every null-only property, at any depth. The property keeps its own
 * type beside the marker, so that `Client<paths>` and the raw client's type stay assignable to
 * each other: code that annotated the raw client as `Client<paths>` still compiles.
 */
type NullPropertiesMarked<T> = T extends object
  ? {
      [K in keyof T]: IsOnlyNull<T[K]> extends true
        ? T[K] | ReadMarker<null>
        : NullPropertiesMarked<T[K]>;
    }
  : T;

/** An operation of `paths` whose `responses` are marked; parameters and request body unchanged. */
type OperationKeepingNull<Operation> = Operation extends { responses: unknown }
  ? {
      [K in keyof Operation]: K extends 'responses'
        ? NullPropertiesMarked<Operation[K]>
        : Operation[K];
    }
  : Operation;

/**
 * The generated `Paths`, as openapi-fetch's `Client` must see them for its answers to keep every
 * property the contract gives them.
 */
export type PathsKeepingNullResponses<Paths> = {
  [Path in keyof Paths]: {
    [Method in keyof Paths[Path]]: OperationKeepingNull<Paths[Path][Method]>;
  };
};
