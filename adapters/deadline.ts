/**
 * A deadline that is not fooled by a blocked event loop. Adapters that run a program with
 * spawnSync hold the whole process for as long as the program runs (20 s for a stack that grinds
 * through 2^31-1 PBKDF2 iterations). A timer due meanwhile fires as soon as the loop wakes, in the
 * timers phase, before the poll phase has read the answers that arrived in time on other pipes: a
 * worker that answered after 50 ms would be recorded as a hang. So the deadline's action waits for
 * one poll phase (setImmediate runs after it) and the caller checks whether the answer came.
 */
export interface Deadline { cancel(): void }

export function deadline(ms: number, onExpiry: () => void): Deadline {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => { immediate = setImmediate(onExpiry); }, ms);
  return {
    cancel() {
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
