// One clock for every process of the bench: epoch milliseconds with sub-millisecond precision. The receivers'
// child process uses the same formula, so a send time here and an arrival time there can be subtracted.
export const preciseNow = (): number => performance.timeOrigin + performance.now();
