import { channelSecretKeyOf, publicUrlOf, type AddressRange, type AppConfig } from '@jiebang/config';

/** How delivery runs; from the environment (libs/config), tests shorten them. */
export interface DeliveryOptions {
  /** Absolute base of links in e-mail and robot messages, e.g. https://jiebang.example.gov.cn */
  publicUrl: string;
  /** Key material for channel secrets (CHANNEL_SECRET_KEY). */
  secretKey: string;
  /** Idle wait between polls of the outbox. */
  pollMs: number;
  /** Notices fanned out, and deliveries claimed per channel, at a time. */
  batchSize: number;
  /** Sends in flight at once per channel. */
  concurrency: number;
  timeoutMs: number;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts: number;
  /** Backoff: retryBaseMs × 2^(attempt-1), at most retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Local time (HH:mm, in the newest cycle's zone) of the morning digest. */
  digestAt: string;
  /** Ranges outside the public internet that channels may reach (OUTBOUND_ALLOW); empty: public only. */
  outboundAllow: readonly AddressRange[];
}

/** The delivery options of a validated configuration. */
export function deliveryOptionsOf(config: AppConfig): DeliveryOptions {
  return {
    publicUrl: publicUrlOf(config),
    secretKey: channelSecretKeyOf(config).key,
    pollMs: config.DELIVERY_POLL_MS,
    batchSize: config.DELIVERY_BATCH_SIZE,
    concurrency: config.DELIVERY_CONCURRENCY,
    timeoutMs: config.DELIVERY_TIMEOUT_MS,
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    retryBaseMs: config.DELIVERY_RETRY_BASE_MS,
    retryMaxMs: config.DELIVERY_RETRY_MAX_MS,
    digestAt: config.DIGEST_AT,
    outboundAllow: config.OUTBOUND_ALLOW,
  };
}
