/**
 * One ClickHouse UInt128 per event that sorts by (time, seq) and carries a small payload (the
 * funnel's step mask, the paths' label code), so one plain `arraySort` gathers a sequence's events
 * in order together with their payloads. From the top bit down: the time in ms from the range
 * start (the 64 - `payloadBits` bits left), seq (64 bits), the payload (`payloadBits` bits). Each
 * caller states why its times and payloads fit.
 */
export function packedKey(payloadBits: number) {
  const timeShift = 64 + payloadBits;
  return {
    pack: (ms: string, seq: string, payload: string) =>
      `bitOr(bitOr(bitShiftLeft(toUInt128(${ms}), ${timeShift}), bitShiftLeft(toUInt128(${seq}), ${payloadBits})), toUInt128(${payload}))`,
    time: (key: string) => `toInt64(bitShiftRight(${key}, ${timeShift}))`,
    seq: (key: string) => `toUInt64(bitAnd(bitShiftRight(${key}, ${payloadBits}), '18446744073709551615'::UInt128))`,
    payload: (key: string) => `toUInt32(bitAnd(${key}, ${2 ** payloadBits - 1}))`,
  };
}
