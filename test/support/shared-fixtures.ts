import { fileURLToPath } from 'node:url'

/**
 * Path of a real-world fixture in the `shared/` folder that sits beside the repository (in a session and
 * in CI alike): `sharedFixture('northwind-postgres.sql')`.
 */
export function sharedFixture(name: string): string {
  return fileURLToPath(new URL(`../../../shared/fixtures/${name}`, import.meta.url))
}
