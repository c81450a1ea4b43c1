/**
 * The CSV the profiler benchmarks read: `rows` rows of 10 mixed columns (integers, a decimal, a float,
 * a date, a timestamp, strings with ~1 % quoted fields holding the delimiter, a boolean, a code), written
 * by a seeded generator so every run reads the same bytes. Never held in memory: written in 1 MB pieces.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Ken', 'Dennis', 'Margaret', 'Linus']
const CITIES = ['Berlin', 'Lyon', 'Austin', 'Osaka', 'Porto', 'Quito', 'Perth', 'Oslo']

/** Write the benchmark CSV (header + `rows` lines, `\n` endings) to `path`; resolves with its size in bytes. */
export async function writeBenchCsv(path: string, rows: number, seed = 42): Promise<number> {
  let s = seed >>> 0
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = createWriteStream(path)
  let bytes = 0
  let buf = 'id,customer_id,amount,ratio,created_on,updated_at,name,email,active,code\n'
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  for (let i = 1; i <= rows; i++) {
    const day = Math.floor(next() * 3650)
    const d = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000)
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
    const ts = `${date} ${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}:${pad(Math.floor(next() * 60))}+00`
    const first = NAMES[Math.floor(next() * NAMES.length)] as string
    const city = CITIES[Math.floor(next() * CITIES.length)] as string
    const name = next() < 0.01 ? `"${first}, of ${city}"` : `${first} of ${city}`
    const email = `${first.toLowerCase()}${i}@example.com`
    const amount = (Math.floor(next() * 1_000_000) / 100).toFixed(2)
    const ratio = next().toPrecision(9)
    const code = `${String.fromCharCode(65 + Math.floor(next() * 26), 65 + Math.floor(next() * 26))}${1000 + Math.floor(next() * 9000)}`
    const cust = next() < 0.05 ? '' : String(1 + Math.floor(next() * 50_000))
    buf += `${i},${cust},${amount},${ratio},${date},${ts},${name},${email},${next() < 0.5 ? 'true' : 'false'},${code}\n`
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf)
      if (!out.write(buf)) await once(out, 'drain')
      buf = ''
    }
  }
  bytes += Buffer.byteLength(buf)
  out.end(buf)
  await once(out, 'finish')
  return bytes
}
