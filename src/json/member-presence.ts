/**
 * Maps every member of `T` to `"required"` or `"optional"`, as the type declares it. A member list
 * declared `satisfies MemberPresence<T>` fails to compile when it misses a member, adds one, or gets
 * a member's presence wrong — the type half of the drift check in test/schema-drift.test.ts.
 *
 * @example
 * const members = { a: "required", b: "optional" } as const satisfies MemberPresence<{ a: string; b?: number }>;
 */
export type MemberPresence<T> = {
  readonly [K in keyof T]-?: object extends Pick<T, K> ? "optional" : "required";
};
