// Opt-in probe for the memory benchmark (BENCH_MEMPROBE=1 in bench/run.ts), preloaded into the bot
// with `node --expose-gc --import ./bench/lib/memprobe.mjs --import tsx src/main.ts`: on SIGUSR2 the
// bot collects garbage and prints its memory use, so that retained objects (a leak) can be told
// apart from memory V8 and the allocator keep after a peak.
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  process.stderr.write(`${JSON.stringify({ memprobe: process.memoryUsage() })}\n`);
});
