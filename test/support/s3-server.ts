/**
 * A throwaway S3 server for tests and benchmarks: Ceph's radosgw in front of a one-node cluster (one
 * mon, one memstore OSD, auth none) on loopback ports, in a temp dir removed afterwards. The daemons
 * are started and stopped by `s3-server.sh` (stop: by pid, waited for). Start takes ~5 s; it runs
 * beside the PostgreSQL and MariaDB starts, so the suite's critical path does not grow.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './postgres-server.js'

/** Where an S3-compatible server is and how to sign requests to it. */
export interface S3Endpoint {
  /** `http://127.0.0.1:PORT` */
  endpoint: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

export interface LocalS3 extends S3Endpoint {
  /** Stop the daemons (by pid, waited for) and delete the directory. Synchronous; safe to call twice. */
  stop(): void
}

/** Keys of the test user (the server lives on 127.0.0.1 for one run). */
export const S3_TEST_ACCESS_KEY = 'TDGTESTACCESSKEY0001'
export const S3_TEST_SECRET_KEY = 'tdg-test-secret-key-not-a-real-one-0001'

const here = dirname(fileURLToPath(import.meta.url))
/** Beside this file, or (compiled into dist-bench/test/support by the benchmark) in the repository's test/support. */
const SCRIPT = [join(here, 's3-server.sh'), join(here, '..', '..', '..', 'test', 'support', 's3-server.sh')].find((p) => existsSync(p)) ?? join(here, 's3-server.sh')
const TOOLS = ['radosgw', 'ceph-mon', 'ceph-osd', 'ceph', 'radosgw-admin', 'monmaptool', 'curl']

function which(cmd: string): string | undefined {
  for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin', ...(process.env.PATH ?? '').split(':')]) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd)
  }
  return undefined
}

/** The tools the server needs that are not installed (empty when it can start). */
export function missingS3Tools(): string[] {
  return TOOLS.filter((t) => !which(t))
}

/** Start a server; rejects with the script's output when two attempts fail (and leaves nothing running). */
export async function startLocalS3(): Promise<LocalS3> {
  const missing = missingS3Tools()
  if (missing.length > 0) throw new Error(`not installed: ${missing.join(', ')} (apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd)`)
  try {
    return await startOnce()
  } catch {
    // A daemon losing a start-up race on a loaded machine is rare; a second cluster on fresh ports is cheap.
    return startOnce()
  }
}

async function startOnce(): Promise<LocalS3> {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-s3-'))
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    spawnSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore', timeout: 60_000 })
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await freePort()
    let monPort = await freePort()
    while (monPort === port) monPort = await freePort()
    // Asynchronous, so the database servers start at the same time.
    await new Promise<void>((resolve, reject) => {
      execFile('bash', [SCRIPT, 'start', dir, String(port), String(monPort), S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY], { timeout: 120_000, cwd: dir }, (err, _out, stderr) => {
        if (err) reject(new Error(`s3-server.sh start failed (${err.code ?? err.signal}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`))
        else resolve()
      })
    })
    return { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', accessKeyId: S3_TEST_ACCESS_KEY, secretAccessKey: S3_TEST_SECRET_KEY, stop }
  } catch (e) {
    stop()
    throw e
  }
}
