/**
 * Values globalSetup hands to test files through vitest's provide/inject.
 * Importing this module (even type-only) brings the typing of `inject('postgresUrl')` into scope.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the PostgreSQL server for this run; null when none could be had. */
    postgresUrl: string | null
    /** Why there is no PostgreSQL (shown in skip notices); null when there is one. */
    postgresMissing: string | null
    /** Admin URL (`mysql://…/mysql`) of the MariaDB/MySQL server for this run; null when none could be had. */
    mysqlUrl: string | null
    /** Why there is no MariaDB/MySQL (shown in skip notices); null when there is one. */
    mysqlMissing: string | null
    /** The S3 server (radosgw) of this run: endpoint, region and the test user's keys; null when none. */
    s3: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string } | null
    /** Why there is no S3 server (shown in skip notices); null when there is one. */
    s3Missing: string | null
  }
}

export {}
