/** Exit status: no errors (and warnings within `--max-warnings`). */
export const EXIT_OK = 0;
/** Exit status: findings — at least one error, or more warnings than `--max-warnings` allows. */
export const EXIT_FINDINGS = 1;
/** Exit status: bad usage (unknown flag, bad value) or an input that could not be read. */
export const EXIT_USAGE = 2;
