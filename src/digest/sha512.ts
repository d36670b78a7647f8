import { padMessage } from "./padding.js";
import { sha512Constants } from "./sha512-constants.js";

/**
 * SHA-512 (FIPS 180-4 §6.4) in plain JavaScript, for runtimes without `node:crypto`'s createHash.
 * 64-bit words are kept as (high, low) pairs of 32-bit integers: BigInt would be far slower.
 */

/**
 * The SHA-512 hash of `bytes`, as 64 bytes.
 *
 * @example
 * toHex(sha512(new Uint8Array())).slice(0, 16) // "cf83e1357eefb8bd"
 */
export function sha512(bytes: Uint8Array): Uint8Array {
  const message = padMessage(bytes, 128);
  const view = new DataView(message.buffer);
  // w holds 80 words as (high, low) pairs; state holds the 8 working words the same way.
  const w = new Int32Array(160);
  // FIPS 180-4 §4.2.3 and §5.3.5, computed on the first hash (sha512-constants.ts).
  const { k: K, h0: H0 } = sha512Constants();
  const state = Int32Array.from(H0);
  const v = new Int32Array(16);
  for (let block = 0; block < message.length; block += 128) {
    for (let i = 0; i < 32; i++) w[i] = view.getInt32(block + i * 4);
    for (let t = 16; t < 80; t++) {
      // sigma0(w[t-15]) = ROTR1 ^ ROTR8 ^ SHR7
      const xh = w[(t - 15) * 2] as number;
      const xl = w[(t - 15) * 2 + 1] as number;
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      // sigma1(w[t-2]) = ROTR19 ^ ROTR61 ^ SHR6
      const yh = w[(t - 2) * 2] as number;
      const yl = w[(t - 2) * 2 + 1] as number;
      const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
      const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
      const l =
        (s0l >>> 0) +
        (s1l >>> 0) +
        ((w[(t - 7) * 2 + 1] as number) >>> 0) +
        ((w[(t - 16) * 2 + 1] as number) >>> 0);
      const h =
        s0h + s1h + (w[(t - 7) * 2] as number) + (w[(t - 16) * 2] as number) + Math.floor(l / 0x100000000);
      w[t * 2] = h;
      w[t * 2 + 1] = l;
    }
    v.set(state);
    for (let t = 0; t < 80; t++) {
      const ah = v[0] as number;
      const al = v[1] as number;
      const bh = v[2] as number;
      const bl = v[3] as number;
      const ch = v[4] as number;
      const cl = v[5] as number;
      const eh = v[8] as number;
      const el = v[9] as number;
      const fh = v[10] as number;
      const fl = v[11] as number;
      const gh = v[12] as number;
      const gl = v[13] as number;
      // Sigma1(e) = ROTR14 ^ ROTR18 ^ ROTR41
      const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      // t1 = h + Sigma1(e) + Ch(e, f, g) + K[t] + w[t]
      const t1l =
        ((v[15] as number) >>> 0) +
        (S1l >>> 0) +
        (chl >>> 0) +
        ((K[t * 2 + 1] as number) >>> 0) +
        ((w[t * 2 + 1] as number) >>> 0);
      const t1h =
        (v[14] as number) +
        S1h +
        chh +
        (K[t * 2] as number) +
        (w[t * 2] as number) +
        Math.floor(t1l / 0x100000000);
      // Sigma0(a) = ROTR28 ^ ROTR34 ^ ROTR39
      const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2l = (S0l >>> 0) + (majl >>> 0);
      const t2h = S0h + majh + Math.floor(t2l / 0x100000000);
      // Shift the working words down by one: h=g, g=f, f=e, e=d+t1, d=c, c=b, b=a, a=t1+t2.
      const dh = v[6] as number;
      const dl = v[7] as number;
      v.copyWithin(2, 0, 14);
      const el2 = (dl >>> 0) + (t1l >>> 0);
      v[8] = dh + t1h + Math.floor(el2 / 0x100000000);
      v[9] = el2;
      const al2 = (t1l >>> 0) + (t2l >>> 0);
      v[0] = t1h + t2h + Math.floor(al2 / 0x100000000);
      v[1] = al2;
    }
    for (let i = 0; i < 16; i += 2) {
      const l = ((state[i + 1] as number) >>> 0) + ((v[i + 1] as number) >>> 0);
      state[i] = (state[i] as number) + (v[i] as number) + Math.floor(l / 0x100000000);
      state[i + 1] = l;
    }
  }
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) outView.setInt32(i * 4, state[i] as number);
  return out;
}
