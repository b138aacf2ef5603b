/**
 * `npm run bench`: runs each benchmark in turn (after `npm run build`). A benchmark is a module
 * whose `run()` prints its own figures; add yours to the list.
 */
const benchmarks: ReadonlyArray<() => Promise<{ run(): Promise<void> }>> = [() => import('./client-import.js')];

for (const load of benchmarks) {
  const benchmark = await load();
  await benchmark.run();
}
