/**
 * A bijection of [0, size) that spreads neighbouring k over the whole space: k·a + b mod size, with a
 * near size·0.618 and coprime to size, so unique values do not look sequential. Exact in doubles
 * (multiplication split into pieces small enough to stay below 2^53); identity at sizes ≥ 2^51.
 */

/** Sizes up to this multiply in one piece. */
const ONE_PIECE = 2 ** 26
/** Above this, a·k mod size would need more than 2^52 per piece: left unscattered. */
const LIMIT = 2 ** 51

/** The bijection for `size` with offset drawn from `seed`. */
export function scatter(size: number, seed: number): (k: number) => number {
  if (size <= 1 || size >= LIMIT) return (k) => k
  let a = Math.floor(size * 0.6180339887)
  if (a % 2 === 0) a += 1
  while (gcd(a, size) !== 1) a += 2
  const b = (seed >>> 0) % size
  if (size < ONE_PIECE) return (k) => ((((k < size ? k : k % size) * a) % size) + b) % size
  // Horner over `bits`-bit pieces of a, most significant first: every partial product and shifted
  // remainder stays below size·2^bits ≤ 2^52, so each step is exact in doubles.
  const bits = Math.max(1, 52 - Math.ceil(Math.log2(size + 1)))
  const radix = 2 ** bits
  const pieces: number[] = []
  for (let x = a; x > 0; x = Math.floor(x / radix)) pieces.unshift(x % radix)
  const n = pieces.length
  const first = pieces[0]!
  return (k) => {
    const kk = k < size ? k : k % size
    let r = mod(kk * first, size)
    for (let j = 1; j < n; j++) {
      r = mod(r * radix, size) + mod(kk * pieces[j]!, size)
      if (r >= size) r -= size
    }
    r += b
    return r >= size ? r - size : r
  }
}

/** x mod m for 0 ≤ x < 2^53 by a float division (much cheaper than the `%` of two doubles). */
function mod(x: number, m: number): number {
  const r = x - Math.floor(x / m) * m
  return r < 0 ? r + m : r >= m ? r - m : r
}

function gcd(x: number, y: number): number {
  while (y !== 0) [x, y] = [y, x % y]
  return x
}
