import { createHmac } from 'node:crypto';

/** DingTalk robot signing: `sign` = base64(HMAC-SHA256 keyed by the secret, of `timestamp\nsecret`), in the query. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

/** Feishu robot signing: base64(HMAC-SHA256 keyed by `timestamp\nsecret`, of the empty string); seconds. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The generic webhook's signature header value: `sha256=` hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestampMs: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex')}`;
}
