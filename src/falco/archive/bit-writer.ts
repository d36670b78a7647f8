// Writes bits least-significant first into a growing byte buffer, as DEFLATE (RFC 1951 §3.1.1) packs them.

/** A growable LSB-first bit sink. */
export interface BitWriter {
  /** Appends the low `count` bits of `value` (count ≤ 24), least significant bit first. */
  bits(value: number, count: number): void;
  /** Pads with zero bits to the next byte boundary. */
  alignToByte(): void;
  /** Appends whole bytes; the writer must be byte-aligned. */
  bytes(data: Uint8Array): void;
  /** The bytes written so far (a copy). */
  finish(): Uint8Array;
}

/** Creates a {@link BitWriter} with an initial capacity hint. */
export function createBitWriter(capacity = 1024): BitWriter {
  let buffer = new Uint8Array(Math.max(16, capacity));
  let length = 0;
  let acc = 0;
  let accBits = 0;

  const ensure = (extra: number): void => {
    if (length + extra <= buffer.length) return;
    let size = buffer.length * 2;
    while (size < length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(buffer.subarray(0, length));
    buffer = next;
  };

  return {
    bits(value, count) {
      acc |= (value & ((1 << count) - 1)) << accBits;
      accBits += count;
      ensure(4);
      while (accBits >= 8) {
        buffer[length++] = acc & 0xff;
        acc >>>= 8;
        accBits -= 8;
      }
    },
    alignToByte() {
      if (accBits > 0) {
        ensure(1);
        buffer[length++] = acc & 0xff;
        acc = 0;
        accBits = 0;
      }
    },
    bytes(data) {
      if (accBits !== 0) throw new Error("BitWriter.bytes: not byte-aligned");
      ensure(data.length);
      buffer.set(data, length);
      length += data.length;
    },
    finish() {
      return buffer.slice(0, length);
    },
  };
}
