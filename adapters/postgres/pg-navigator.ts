/**
 * The `navigator` pg-module.ts gives pg's load on Node 20 (see there): defined when this module is evaluated —
 * which pg-module.ts orders just before pg's — and removed by `removePgNavigator`, called right after.
 */
const define = (globalThis as { navigator?: unknown }).navigator === undefined && !Object.hasOwn(globalThis, 'navigator')
if (define) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true })

/** Remove the `navigator` defined above (nothing when there was one already). */
export function removePgNavigator(): void {
  if (define) delete (globalThis as { navigator?: unknown }).navigator
}
