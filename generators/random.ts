/**
 * Seeded randomness for the corpus. Every random byte in a generated message (CEKs, IVs, salts,
 * OAEP seeds, PSS salts, ephemeral keys, padding) comes from here, so the same seed gives the same
 * bytes on any machine.
 *
 * Construction: HMAC-SHA256 in counter mode, keyed by SHA-256(seed || label). Each sample forks its
 * own stream from its id, so adding or reordering samples never changes the bytes of another one.
 */
import { createHash, createHmac } from 'node:crypto';

export class SeededRandom {
  private readonly key: Buffer;
  private counter = 0;
  private pool = Buffer.alloc(0);

  constructor(seed: string | number, label = '') {
    this.key = createHash('sha256').update(`cmsi-drbg-v1\0${seed}\0${label}`).digest();
  }

  /** A child stream for a sub-task; independent of how much the parent has been used. */
  fork(label: string): SeededRandom {
    return new SeededRandom(this.key.toString('hex'), label);
  }

  bytes(n: number): Uint8Array {
    while (this.pool.length < n) {
      const block = createHmac('sha256', this.key).update(`${this.counter++}`).digest();
      this.pool = Buffer.concat([this.pool, block]);
    }
    const out = new Uint8Array(this.pool.subarray(0, n));
    this.pool = this.pool.subarray(n);
    return out;
  }

  /** n bytes none of which is zero (PKCS #1 v1.5 encryption padding). */
  nonZeroBytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; ) {
      const b = this.bytes(1)[0] as number;
      if (b !== 0) out[i++] = b;
    }
    return out;
  }

  /** A uniform bigint in [min, max] by rejection sampling. */
  bigintBetween(min: bigint, max: bigint): bigint {
    const range = max - min + 1n;
    const bits = range.toString(2).length;
    const len = Math.ceil(bits / 8);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      const v = BigInt(`0x${Buffer.from(this.bytes(len)).toString('hex')}`) & mask;
      if (v < range) return min + v;
    }
  }
}
