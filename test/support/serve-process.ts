/**
 * A real `node bin/tdg.js serve --port 0` process for e2e tests: started, its port read from the line
 * it prints, stopped with a signal. Every response body read through `api()` is kept, so a test can scan
 * them all for secrets.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { repoRoot } from './run-cli.js'

export interface ServeProcess {
  child: ChildProcess
  base: string
  stderr: () => string
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
}

/** Start `tdg serve --port 0 …args` in `cwd` with `env`; resolves once it prints its address. */
export function startServe(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/tdg.js`, 'serve', '--port', '0', ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const exited = new Promise<number | string>((r) => child.on('exit', (code, sig) => r(code ?? sig ?? -1)))
    const timer = setTimeout(() => reject(new Error(`tdg serve did not start in 60 s: ${err}`)), 60_000)
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/[^\s]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, base: m[1]!, stderr: () => err, exited })
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`tdg serve exited (${code}) before listening: ${err}`))
    })
  })
}

/** A small client of one server with one token; `bodies` holds every response text it read. */
export function apiClient(base: string, bodies: string[] = []) {
  return {
    bodies,
    async call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; type: string; json: any; text: string; headers: Headers }> {
      const res = await fetch(base + path, {
        method,
        headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
      })
      const text = await res.text()
      bodies.push(text)
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: res.status, type: res.headers.get('content-type') ?? '', json, text, headers: res.headers }
    },
    /** Read a job's SSE stream to its end: the events in order. */
    async events(path: string, token: string, onEvent?: (name: string, data: any) => void): Promise<Array<{ event: string; data: any }>> {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } })
      const events: Array<{ event: string; data: any }> = []
      let buf = ''
      const decoder = new TextDecoder()
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true })
        let i
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i)
          buf = buf.slice(i + 2)
          bodies.push(block)
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null')
          events.push({ event, data })
          onEvent?.(event, data)
        }
      }
      return events
    },
    /** Poll job `id` until it is final. */
    async waitFinal(id: string, token: string, timeoutMs = 60_000): Promise<any> {
      const end = Date.now() + timeoutMs
      for (;;) {
        const r = await this.call('GET', `/v1/jobs/${id}`, { token })
        if (!['queued', 'running'].includes(r.json.status)) return r.json
        if (Date.now() > end) throw new Error(`job ${id} still ${r.json.status}`)
        await new Promise((res) => setTimeout(res, 100))
      }
    },
  }
}
