/**
 * S3 outputs (`generate --output s3://…`, issue 13): a bad URL or endpoint is exit 2 before anything
 * runs; an endpoint that cannot be reached, missing or wrong credentials and a missing bucket are
 * TDG_CONNECT_FAILED (exit 3) before any row is generated. Neither the fake secret `s3cret-pw` nor the
 * test server's own secret may be printed. Cases naming `{s3Endpoint}` need the run's radosgw.
 */
import type { BadInputCase } from '../case.js'

const gen = (output: string, ...extra: string[]) => ['generate', '--schema', 'examples/shop.sql', '--rows', '5', '--output', output, ...extra]

/** Standard AWS variables only, and nothing from a developer's own ~/.aws or an instance role. */
const aws = (key: string, secret: string, endpoint?: string): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: key,
  AWS_SECRET_ACCESS_KEY: secret,
  ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}),
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
})

function s3(name: string, args: string[], exit: number, code: BadInputCase['code'], expect: RegExp[], env?: Record<string, string>): BadInputCase {
  return { name: `url: s3 ${name}`, group: 'url', args, exit, code, expect, ...(env ? { env } : {}) }
}

export const s3Cases: BadInputCase[] = [
  s3('output without a bucket', gen('s3://'), 2, 'TDG_URL_INVALID', [/s3:\/\/: no bucket name/]),
  s3('bucket name too short', gen('s3://ab/data/'), 2, 'TDG_URL_INVALID', [/'ab' is not a valid bucket name/]),
  s3('URL with a query', gen('s3://bucket/data?versionId=3'), 2, 'TDG_URL_INVALID', [/query or fragment/]),
  s3('URL with keys in it', gen('s3://AKIAEXAMPLE:s3cret-pw@bucket/data/'), 2, 'TDG_URL_INVALID', [/\*\*\*/, /--s3-endpoint/]),
  s3('an output scheme tdg does not write', gen('gs://bucket/data/'), 2, 'TDG_URL_INVALID', [/gs:\/\/…: not a supported output destination/]),
  { name: 'usage: --output and --export-to disagree', group: 'usage', args: gen('{out}', '--export-to', 's3://bucket/data/'), exit: 2, code: 'TDG_USAGE', expect: [/--output and --export-to/] },
  { name: 'usage: --s3-endpoint is not a URL', group: 'usage', args: gen('s3://bucket/data/', '--s3-endpoint', 'localhost:7480'), exit: 2, code: 'TDG_USAGE', expect: [/--s3-endpoint 'localhost:7480' is not an http\(s\) URL/], env: aws('AKIAEXAMPLE', 's3cret-pw') },
  s3('endpoint refused', gen('s3://bucket/data/', '--s3-endpoint', 'http://127.0.0.1:1'), 3, 'TDG_CONNECT_FAILED', [/s3:\/\/bucket\/data\/ at http:\/\/127\.0\.0\.1:1: connection refused/], aws('AKIAEXAMPLE', 's3cret-pw')),
  s3('no credentials anywhere', gen('s3://bucket/data/', '--s3-endpoint', 'http://127.0.0.1:1'), 3, 'TDG_CONNECT_FAILED', [/no AWS credentials found/], aws('', '')),
  s3('missing bucket', gen('s3://no-such-bucket-tdg/data/'), 3, 'TDG_CONNECT_FAILED', [/s3:\/\/no-such-bucket-tdg\/data\/ at http:\/\/127\.0\.0\.1:\d+: no such bucket/], aws('{s3Key}', '{s3Secret}', '{s3Endpoint}')),
  s3('wrong secret key', gen('s3://no-such-bucket-tdg/data/'), 3, 'TDG_CONNECT_FAILED', [/the secret key does not match the access key/], aws('{s3Key}', 's3cret-pw', '{s3Endpoint}')),
  s3('unknown access key', gen('s3://no-such-bucket-tdg/data/'), 3, 'TDG_CONNECT_FAILED', [/the access key is not known to the server/], aws('AKIANOSUCHKEY', '{s3Secret}', '{s3Endpoint}')),
]
