// Sampling for the bench: CPU time, warming, calibration, interleaved rounds, medians.

/**
 * CPU time of this process (user + system), in ns. Timings use it rather than wall time: on a
 * machine shared with other work, time spent descheduled is not the code's cost. (Node's helper
 * threads — GC, compilation — are counted, so it errs on the side of more, not less.)
 */
export function cpuNs() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
}

/** Iterations of `fn` that take about `targetNs` of CPU together (at least 1). */
export function calibrate(fn, targetNs = 4e6) {
  let iterations = 1;
  for (;;) {
    const t0 = cpuNs();
    for (let i = 0; i < iterations; i++) fn();
    const ns = cpuNs() - t0;
    if (ns > targetNs || iterations >= 1 << 20)
      return Math.max(1, Math.round((iterations * targetNs) / Math.max(ns, 1)));
    iterations *= 2;
  }
}

/**
 * Runs `fn` for `cpuMs` of CPU time (at least 20 calls), so that V8 has optimised it before it is
 * timed: a registry or a CI job validates thousands of documents, and its steady state is what the
 * budgets are about. The floor is native code (decode, parse, hash) and needs no warming; ours and
 * the naive approach are JavaScript, which V8 optimises only after a few thousand calls.
 */
export function warm(fn, cpuMs = 250) {
  const until = cpuNs() + cpuMs * 1e6;
  for (let i = 0; i < 20 || cpuNs() < until; i++) fn();
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Interleaved sampling: each round times one batch of every contender back to back, so a burst of
 * load from other processes hits all of them alike. Answers each contender's median time per
 * operation (ns), and `ratio(a, b)`: the median, over rounds, of a's time over b's in that round.
 */
export function measureInterleaved(contenders, rounds = 31) {
  const names = Object.keys(contenders);
  for (const name of names) warm(contenders[name]);
  const iterations = Object.fromEntries(names.map((n) => [n, calibrate(contenders[n])]));
  const perOp = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const fn = contenders[name];
      const count = iterations[name];
      const t0 = cpuNs();
      for (let i = 0; i < count; i++) fn();
      perOp[name].push((cpuNs() - t0) / count);
    }
  }
  return {
    ns: Object.fromEntries(names.map((n) => [n, median(perOp[n])])),
    ratio: (a, b) => median(perOp[a].map((v, r) => v / perOp[b][r])),
  };
}
