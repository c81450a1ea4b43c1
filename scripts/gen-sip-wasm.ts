/**
 * Writes src/mask/sip-wasm.ts: SipHash-2-4 over a span of memory (one message, or a message and it plus 4 bytes in one
 * call) and SipHash-1-3 of one 8-byte word as a
 * WebAssembly module, and the two-part Feistel network of permutation.ts built on the latter (64-bit lanes: a round costs ~1 ns against ~16 ns for the 32-bit-pair JavaScript
 * in keyed-hash.ts). The module text is built here (the round written once, inlined where used) and
 * compiled with wabt; the bytes are checked in as base64. `npx tsx scripts/gen-sip-wasm.ts`
 * (test/unit/mask/sip-wasm.test.ts fails when the checked-in bytes differ from a fresh build).
 */
import { writeFileSync } from 'node:fs'
import wabtInit from 'wabt'

/** The module text: exported memory, `sip24(k0lo, k0hi, k1lo, k1hi, ptr, len)` and `sip13w(k…, w0, w1)`. */
export function sipWat(): string {
  const round = `
      (local.set $v0 (i64.add (local.get $v0) (local.get $v1)))
      (local.set $v1 (i64.rotl (local.get $v1) (i64.const 13)))
      (local.set $v1 (i64.xor (local.get $v1) (local.get $v0)))
      (local.set $v0 (i64.rotl (local.get $v0) (i64.const 32)))
      (local.set $v2 (i64.add (local.get $v2) (local.get $v3)))
      (local.set $v3 (i64.rotl (local.get $v3) (i64.const 16)))
      (local.set $v3 (i64.xor (local.get $v3) (local.get $v2)))
      (local.set $v0 (i64.add (local.get $v0) (local.get $v3)))
      (local.set $v3 (i64.rotl (local.get $v3) (i64.const 21)))
      (local.set $v3 (i64.xor (local.get $v3) (local.get $v0)))
      (local.set $v2 (i64.add (local.get $v2) (local.get $v1)))
      (local.set $v1 (i64.rotl (local.get $v1) (i64.const 17)))
      (local.set $v1 (i64.xor (local.get $v1) (local.get $v2)))
      (local.set $v2 (i64.rotl (local.get $v2) (i64.const 32)))`
  const key = `
    (local.set $k0 (i64.or (i64.extend_i32_u (local.get $a)) (i64.shl (i64.extend_i32_u (local.get $b)) (i64.const 32))))
    (local.set $k1 (i64.or (i64.extend_i32_u (local.get $c)) (i64.shl (i64.extend_i32_u (local.get $d)) (i64.const 32))))
    (local.set $v0 (i64.xor (local.get $k0) (i64.const 0x736f6d6570736575)))
    (local.set $v1 (i64.xor (local.get $k1) (i64.const 0x646f72616e646f6d)))
    (local.set $v2 (i64.xor (local.get $k0) (i64.const 0x6c7967656e657261)))
    (local.set $v3 (i64.xor (local.get $k1) (i64.const 0x7465646279746573)))`
  const locals = '(local $k0 i64) (local $k1 i64) (local $v0 i64) (local $v1 i64) (local $v2 i64) (local $v3 i64) (local $m i64)'
  const compress = (rounds: number) => `
    (local.set $v3 (i64.xor (local.get $v3) (local.get $m)))${round.repeat(rounds)}
    (local.set $v0 (i64.xor (local.get $v0) (local.get $m)))`
  // Full 8-byte blocks from $ptr up to $end, then the last block of a `len`-byte message (its 0–7 remaining
  // bytes masked, the length in the top byte) and the finalisation: the 64-bit result on the stack.
  const blocks = `
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $m (i64.load (local.get $ptr)))${compress(2)}
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
        (br $blocks)))`
  const finish = (len: string) => `
    (local.set $rest (i32.and (local.get ${len}) (i32.const 7)))
    (local.set $m (i64.or
      (i64.and (i64.load (local.get $ptr)) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $rest) (i32.const 3)))) (i64.const 1)))
      (i64.shl (i64.extend_i32_u (i32.and (local.get ${len}) (i32.const 0xff))) (i64.const 56))))${compress(2)}
    (local.set $v2 (i64.xor (local.get $v2) (i64.const 0xff)))${round.repeat(4)}
    (i64.xor (i64.xor (local.get $v0) (local.get $v1)) (i64.xor (local.get $v2) (local.get $v3)))`
  // A Feistel round's addend from the other part: floor(h / 2^32 * n) in doubles, as permutation.ts computes it.
  const below = (other: string) =>
    `(i64.trunc_f64_u (f64.floor (f64.mul (f64.div (f64.convert_i32_u (call $sip13w (local.get $a) (local.get $b) (local.get $c) (local.get $d) (i32.wrap_i64 (local.get ${other})) (local.get $r))) (f64.const 4294967296)) (f64.convert_i64_u (local.get $n)))))`
  // x + F mod n forwards, x - F + n mod n backwards.
  const step = (x: string) =>
    `(if (result i64) (local.get $inv) (then (i64.rem_u (i64.add (i64.sub (local.get ${x}) (local.get $f)) (local.get $n)) (local.get $n))) (else (i64.rem_u (i64.add (local.get ${x}) (local.get $f)) (local.get $n))))`
  return `(module
  (memory (export "mem") 1)
  ;; SipHash-2-4 of len bytes at ptr; the 64-bit result stored at offset 16 (little-endian). Reads up to 7
  ;; bytes past the message (masked off): the caller keeps 8 bytes of room after it.
  (func (export "sip24") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $ptr i32) (param $len i32)
    ${locals} (local $end i32) (local $rest i32)${key}
    (local.set $end (i32.add (local.get $ptr) (i32.and (local.get $len) (i32.const -8))))${blocks}
    (i64.store (i32.const 16)${finish('$len')}))
  ;; SipHash-2-4 of the len bytes at ptr (result at offset 16) and of those bytes followed by the 4 after
  ;; them (at 24), in one call: the full blocks the two messages share are compressed once.
  (func (export "sip24x2") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $ptr i32) (param $len i32)
    ${locals} (local $end i32) (local $rest i32) (local $at i32) (local $len2 i32) (local $s0 i64) (local $s1 i64) (local $s2 i64) (local $s3 i64)${key}
    (local.set $at (local.get $ptr))
    (local.set $end (i32.add (local.get $ptr) (i32.and (local.get $len) (i32.const -8))))${blocks}
    (local.set $s0 (local.get $v0)) (local.set $s1 (local.get $v1)) (local.set $s2 (local.get $v2)) (local.set $s3 (local.get $v3))
    (local.set $at (i32.sub (local.get $ptr) (local.get $at)))
    (i64.store (i32.const 16)${finish('$len')})
    (local.set $v0 (local.get $s0)) (local.set $v1 (local.get $s1)) (local.set $v2 (local.get $s2)) (local.set $v3 (local.get $s3))
    (local.set $len2 (i32.add (local.get $len) (i32.const 4)))
    (local.set $end (i32.add (i32.sub (local.get $ptr) (local.get $at)) (i32.and (local.get $len2) (i32.const -8))))${blocks}
    (i64.store (i32.const 24)${finish('$len2')}))
  ;; SipHash-1-3 of the 8 bytes (w0 low, w1 high word); returns the high word of the result.
  (func $sip13w (export "sip13w") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $w0 i32) (param $w1 i32) (result i32)
    ${locals}${key}
    (local.set $m (i64.or (i64.extend_i32_u (local.get $w0)) (i64.shl (i64.extend_i32_u (local.get $w1)) (i64.const 32))))${compress(1)}
    (local.set $m (i64.const 0x0800000000000000))${compress(1)}
    (local.set $v2 (i64.xor (local.get $v2) (i64.const 0xff)))${round.repeat(3)}
    (i32.wrap_i64 (i64.shr_u (i64.xor (i64.xor (local.get $v0) (local.get $v1)) (i64.xor (local.get $v2) (local.get $v3))) (i64.const 32))))
  ;; The two-part Feistel network of permutation.ts in one call: round r (0..rounds-1, or back down when
  ;; $inv) adds F = floor(sip13w(k, x[1-j], r) / 2^32 * n_j) to x[j] (j = r mod 2) modulo n_j, or subtracts
  ;; it; the same double arithmetic as there (exact: F < n_j < 2^32). x0, x1 in and out as u32 at 32, 36.
  (func (export "feistel2") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $n0 i32) (param $n1 i32) (param $rounds i32) (param $inv i32)
    (local $x0 i64) (local $x1 i64) (local $r i32) (local $step i32) (local $n i64) (local $f i64)
    (local.set $x0 (i64.load32_u (i32.const 32)))
    (local.set $x1 (i64.load32_u (i32.const 36)))
    (local.set $r (i32.const 0))
    (local.set $step (i32.const 1))
    (if (local.get $inv) (then
      (local.set $r (i32.sub (local.get $rounds) (i32.const 1)))
      (local.set $step (i32.const -1))))
    (block $done
      (loop $round
        (br_if $done (i32.or (i32.lt_s (local.get $r) (i32.const 0)) (i32.ge_s (local.get $r) (local.get $rounds))))
        (if (i32.and (local.get $r) (i32.const 1))
          (then
            (local.set $n (i64.extend_i32_u (local.get $n1)))
            (local.set $f ${below('$x0')})
            (local.set $x1 ${step('$x1')}))
          (else
            (local.set $n (i64.extend_i32_u (local.get $n0)))
            (local.set $f ${below('$x1')})
            (local.set $x0 ${step('$x0')})))
        (local.set $r (i32.add (local.get $r) (local.get $step)))
        (br $round)))
    (i32.store (i32.const 32) (i32.wrap_i64 (local.get $x0)))
    (i32.store (i32.const 36) (i32.wrap_i64 (local.get $x1)))))
`
}

/** The compiled module's bytes. */
export async function sipWasmBytes(): Promise<Uint8Array> {
  const wabt = await wabtInit()
  const mod = wabt.parseWat('sip.wat', sipWat())
  mod.validate()
  const { buffer } = mod.toBinary({})
  mod.destroy()
  return buffer
}

export function sipWasmSource(bytes: Uint8Array): string {
  return `/**
 * Generated by scripts/gen-sip-wasm.ts (the module text is built there): SipHash-2-4 over memory and
 * SipHash-1-3 of one word in WebAssembly, for keyed-hash.ts. Do not edit by hand.
 */
export const SIP_WASM_BASE64 = '${Buffer.from(bytes).toString('base64')}'
`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bytes = await sipWasmBytes()
  writeFileSync(new URL('../src/mask/sip-wasm.ts', import.meta.url), sipWasmSource(bytes))
  console.log(`sip-wasm.ts: ${bytes.length} bytes of WebAssembly`)
}
