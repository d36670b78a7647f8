/**
 * The operating systems Go knows (`knownOS` in go/build's syslist.go), which image-spec v1.1.1
 * config.md and image-index.md point to: "Configurations SHOULD use, and implementations SHOULD
 * understand, values listed in the Go Language document for GOOS."
 */
export const GO_OPERATING_SYSTEMS: ReadonlySet<string> = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos",
]);

/**
 * The CPU architectures Go knows (`knownArch` in go/build's syslist.go): "Configurations SHOULD use,
 * and implementations SHOULD understand, values listed in the Go Language document for GOARCH."
 */
export const GO_ARCHITECTURES: ReadonlySet<string> = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);
