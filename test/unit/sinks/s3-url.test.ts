/**
 * The pure parts of S3 outputs: `s3://` parsing, the choice of destination, endpoint and region
 * resolution, and how SDK/socket errors are worded (names and codes only, never message text).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { checkOutput, isRemoteOutput } from '../../../src/sinks/output-target.js'
import { resolveEndpoint, resolveRegion } from '../../../src/sinks/s3/s3-client.js'
import { s3Failure, s3Reason } from '../../../src/sinks/s3/s3-errors.js'
import { isS3Output, parseS3Url } from '../../../src/sinks/s3/s3-url.js'

describe('parseS3Url', () => {
  it('takes the prefix as a folder and the bucket root as an empty prefix', () => {
    expect(parseS3Url('s3://my-bucket/test-data/')).toEqual({ bucket: 'my-bucket', prefix: 'test-data/', url: 's3://my-bucket/test-data/' })
    expect(parseS3Url('s3://my-bucket/a/b')).toEqual({ bucket: 'my-bucket', prefix: 'a/b/', url: 's3://my-bucket/a/b/' })
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '', url: 's3://my-bucket/' })
    expect(parseS3Url('s3://my-bucket/')).toEqual({ bucket: 'my-bucket', prefix: '', url: 's3://my-bucket/' })
    expect(parseS3Url('S3://Legacy_Bucket/x').bucket).toBe('Legacy_Bucket')
  })

  it.each([
    ['s3://', /no bucket name/],
    ['s3:///data', /no bucket name/],
    ['s3://ab/x', /'ab' is not a valid bucket name/],
    ['s3://-bucket/x', /not a valid bucket name/],
    ['s3://a..b/x', /not a valid bucket name/],
    ['s3://bucket//x', /empty path segment/],
    ['s3://bucket/a//b/', /empty, '\.' or '\.\.' path segments/],
    ['s3://bucket/a/../b', /empty, '\.' or '\.\.' path segments/],
    ['s3://bucket/x?versionId=1', /query or fragment/],
    ['s3://bucket/x#y', /query or fragment/],
    ['s3://bucket/x\ny', /control characters/],
    ['s3://host:9000/bucket', /keys or a host in the URL/],
  ])('%s is TDG_URL_INVALID', (url, why) => {
    expect(() => parseS3Url(url)).toThrow(expect.objectContaining({ code: 'TDG_URL_INVALID', message: expect.stringMatching(why) }))
  })

  it('never repeats a secret written into the URL', () => {
    let message = ''
    try {
      parseS3Url('s3://AKIA:s3cret-pw@bucket/x')
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/TDG|keys or a host/)
    expect(message).not.toContain('s3cret-pw')
  })
})

describe('choosing a destination', () => {
  it('tells s3://, other schemes and paths apart', () => {
    expect(isS3Output('s3://b/x')).toBe(true)
    expect(isS3Output('./s3/x')).toBe(false)
    expect(isRemoteOutput('gs://b/x')).toBe(true)
    expect(isRemoteOutput('./data')).toBe(false)
    expect(isRemoteOutput('C:\\data')).toBe(false)
    expect(() => checkOutput('./data')).not.toThrow()
    expect(() => checkOutput('gs://b/x')).toThrow(expect.objectContaining({ code: 'TDG_URL_INVALID', message: expect.stringMatching(/not a supported output destination/) }))
    expect(() => checkOutput('s3://b')).toThrow(expect.objectContaining({ code: 'TDG_URL_INVALID' }))
    expect(() => checkOutput('s3://bucket/x', { endpoint: 'localhost:9000' })).toThrow(expect.objectContaining({ code: 'TDG_USAGE' }))
  })
})

describe('endpoint and region', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const k of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_DEFAULT_REGION']) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  })

  it('takes the option, then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL; refuses non-http and userinfo', () => {
    delete process.env.AWS_ENDPOINT_URL_S3
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:7480'
    expect(resolveEndpoint({})).toBe('http://127.0.0.1:7480')
    process.env.AWS_ENDPOINT_URL_S3 = 'https://s3.example.test'
    expect(resolveEndpoint({})).toBe('https://s3.example.test')
    expect(resolveEndpoint({ endpoint: 'http://minio:9000' })).toBe('http://minio:9000')
    expect(() => resolveEndpoint({ endpoint: 'ftp://x' })).toThrow(/--s3-endpoint 'ftp:\/\/x' is not an http\(s\) URL/)
    let msg = ''
    try {
      resolveEndpoint({ endpoint: 'http://key:s3cret-pw@minio:9000' })
    } catch (e) {
      msg = (e as Error).message
    }
    expect(msg).toMatch(/\*\*\*/)
    expect(msg).not.toContain('s3cret-pw')
  })

  it('region: option, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1', () => {
    delete process.env.AWS_REGION
    delete process.env.AWS_DEFAULT_REGION
    expect(resolveRegion({})).toBe('us-east-1')
    process.env.AWS_DEFAULT_REGION = 'eu-west-1'
    expect(resolveRegion({})).toBe('eu-west-1')
    process.env.AWS_REGION = 'eu-central-1'
    expect(resolveRegion({})).toBe('eu-central-1')
    expect(resolveRegion({ region: 'ap-south-1' })).toBe('ap-south-1')
  })
})

describe('S3 error wording', () => {
  it('words known names, socket codes (also as a cause) and statuses, never the message text', () => {
    const sdk = (name: string, status?: number, message = 'https://bucket.s3/x?X-Amz-Signature=abc123 secret') =>
      Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) })
    expect(s3Reason(sdk('NoSuchBucket', 404))).toBe('no such bucket')
    expect(s3Reason(sdk('SignatureDoesNotMatch', 403))).toBe('the secret key does not match the access key')
    expect(s3Reason(Object.assign(new Error('x'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBe('connection refused')
    expect(s3Reason(sdk('Error', 403))).toBe('access denied (HTTP 403)')
    expect(s3Reason(sdk('WeirdThing', 500))).toBe('WeirdThing (HTTP 500)')
    expect(s3Reason(new Error('https://x?X-Amz-Signature=abc123'))).toBe('request failed')
    const e = s3Failure('TDG_WRITE_FAILED', 's3://b/p/', sdk('InternalError', 500), '001-t.csv')
    expect(e).toMatchObject({ code: 'TDG_WRITE_FAILED', message: 's3://b/p/: 001-t.csv: InternalError (HTTP 500)' })
    expect(e.message).not.toMatch(/Signature|secret/)
  })
})
