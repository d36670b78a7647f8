// Measures the two sha256/sha512 backends computeDigest can pick (native crypto vs pure JS), on a
// 1 KiB manifest-sized input and a 200 KiB index-sized one. Run: node bench/digest-backends.mjs
// Bundles src/digest/hash-backend.ts on the fly with esbuild, so it needs no build.
import { build } from "esbuild";

const out = await build({
  entryPoints: ["src/digest/hash-backend.ts"],
  bundle: true,
  format: "esm",
  platform: "neutral",
  write: false,
});
const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`;
const { nativeHashers, pureHashers } = await import(url);

function measure(fn, bytes) {
  const deadline = performance.now() + 300;
  let runs = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < 50; i++) fn(bytes);
    runs += 50;
  }
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn(bytes);
  return ((performance.now() - start) * 1000) / runs;
}

for (const size of [1024, 200 * 1024]) {
  const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7) & 0xff);
  for (const algorithm of ["sha256", "sha512"]) {
    const native = measure(nativeHashers[algorithm], bytes);
    const pure = measure(pureHashers[algorithm], bytes);
    console.log(
      `${algorithm} ${String(size).padStart(6)} B: native ${native.toFixed(1)} µs, pure JS ${pure.toFixed(1)} µs (${(pure / native).toFixed(1)}×)`,
    );
  }
}
