// Remembers what a pure function computed for a string key, within a bound: past `max` entries the memory starts
// over (a platform with more live keys than that computes some of them again). A call that throws is not remembered.
export function boundedMemo<V>(compute: (key: string) => V, max = 10_000): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (known.size >= max) known.clear();
    known.set(key, value);
    return value;
  };
}
