/**
 * image-spec v1.1.1 annotations.md, `org.opencontainers.image.ref.name`: "A valid reference matches
 * the following grammar: ref ::= component ("/" component)*; component ::= alphanum (separator
 * alphanum)*; alphanum ::= [A-Za-z0-9]+; separator ::= [-._:@+] | "--"".
 */
const COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
const REFERENCE_NAME = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);

/**
 * Whether a string matches image-spec's `ref.name` grammar.
 *
 * @example
 * isReferenceName("v1.0") // true
 * isReferenceName("-v1") // false: a component starts with an alphanumeric
 */
export function isReferenceName(value: string): boolean {
  return REFERENCE_NAME.test(value);
}
