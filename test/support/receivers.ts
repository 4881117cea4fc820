import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@jiebang/devstack/free-port';

/** One request a receiver accepted, with its body and the time it arrived. */
export interface Received {
  at: number;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  url: string;
}

export type Platform = 'dingtalk' | 'wecom' | 'feishu' | 'webhook';

/**
 * A local stand-in for a robot platform or a district's webhook: it recomputes the signature the way
 * the platform documents it (independently of Jiebang's code), refuses what does not verify, records
 * what does. `down()` closes the port (connections refused), `up()` opens it again.
 */
export class PlatformReceiver {
  readonly received: Received[] = [];
  readonly refused: string[] = [];
  /** Milliseconds to wait before answering, to keep sends in flight. */
  delayMs = 0;
  private server?: Server;
  port = 0;

  constructor(
    readonly platform: Platform,
    readonly secret: string,
  ) {}

  get url(): string {
    const base = `http://127.0.0.1:${this.port}`;
    if (this.platform === 'wecom') return `${base}/cgi-bin/webhook/send?key=${this.secret}`;
    if (this.platform === 'dingtalk') return `${base}/robot/send?access_token=token-1`;
    if (this.platform === 'feishu') return `${base}/open-apis/bot/v2/hook/hook-1`;
    return `${base}/jiebang`;
  }

  async up(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const problem = this.verify(request, raw);
        const answer = () => {
          if (problem) {
            this.refused.push(problem);
            response.writeHead(this.platform === 'webhook' ? 401 : 200, { 'content-type': 'application/json' });
            response.end(
              JSON.stringify(
                this.platform === 'feishu' ? { code: 19021, msg: problem } : { errcode: 310000, errmsg: problem },
              ),
            );
            return;
          }
          this.received.push({
            at: Date.now(),
            body: JSON.parse(raw) as Record<string, unknown>,
            headers: request.headers,
            url: request.url ?? '',
          });
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify(this.platform === 'feishu' ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' }),
          );
        };
        if (this.delayMs > 0) setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    const server = this.server;
    await new Promise<void>((done) => server.listen(this.port, '127.0.0.1', done));
    this.port = (server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /** Null when the request carries a valid signature, else what is wrong. */
  private verify(request: IncomingMessage, raw: string): string | null {
    const url = new URL(request.url ?? '/', 'http://receiver');
    if (this.platform === 'dingtalk') {
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const expected = createHmac('sha256', this.secret).update(`${timestamp}\n${this.secret}`).digest('base64');
      if (Math.abs(Date.now() - Number(timestamp)) > 3_600_000) return 'timestamp out of range';
      return url.searchParams.get('sign') === expected ? null : 'bad dingtalk sign';
    }
    if (this.platform === 'wecom') return url.searchParams.get('key') === this.secret ? null : 'bad wecom key';
    if (this.platform === 'feishu') {
      const body = JSON.parse(raw) as { timestamp?: string; sign?: string };
      const expected = createHmac('sha256', `${body.timestamp}\n${this.secret}`).update('').digest('base64');
      return body.sign === expected ? null : 'bad feishu sign';
    }
    const timestamp = String(request.headers['x-jiebang-timestamp'] ?? '');
    const signature = String(request.headers['x-jiebang-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest('hex')}`;
    const valid =
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    return valid ? null : 'bad webhook signature';
  }
}

/** The most requests that arrived within any window of `windowMs`. */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** A real SMTP server on 127.0.0.1 that parses every mail it receives (mailparser). */
export async function startMailReceiver(): Promise<{ mails: ParsedMail[]; port: number; stop(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => mails.push(mail))
        .then(() => done(), done);
    },
  });
  const port = await freePort();
  await new Promise<void>((done) => smtp.listen(port, '127.0.0.1', done));
  return { mails, port, stop: () => new Promise<void>((done) => smtp.close(() => done())) };
}
