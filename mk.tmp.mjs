import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3'
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED='true'
const c = new S3Client({ endpoint: process.env.AWS_ENDPOINT_URL, forcePathStyle: true, region: 'us-east-1' })
await c.send(new CreateBucketCommand({ Bucket: process.argv[2] }))
