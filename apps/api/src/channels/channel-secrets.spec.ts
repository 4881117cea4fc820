import { describe, expect, it } from 'vitest';
import { maskedUrl, secretFingerprint } from './channel-secrets';

describe('masking channel URLs', () => {
  it.each([
    ['https://user:hunter2@hooks.example.cn/in', 'hunter2'],
    ['https://gov.example.cn/hook?apikey=AK-123456', 'AK-123456'],
    ['https://gov.example.cn/in?Key=K-777&x=1', 'K-777'],
    ['https://gov.example.cn/in?api_key=abc&API-KEY=def', 'abc'],
    ['https://gov.example.cn/in?signature=s1g&sign=s2g&secret=s3c', 's1g'],
    ['https://oapi.dingtalk.com/robot/send?access_token=dt-token-1', 'dt-token-1'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', '693a91f6-7xxx'],
    ['https://open.feishu.cn/open-apis/bot/v2/hook/fs-hook-id', 'fs-hook-id'],
    ['https://open.feishu.cn/open-apis/bot/v2/hook/fs-hook-id/', 'fs-hook-id'],
    ['https://gov.example.cn/in/a8f3c91b2d7e4f60b1c2', 'a8f3c91b2d7e4f60b1c2'],
    ['https://gov.example.cn/in#token=abc', 'abc'],
  ])('hides the secret of %s', (url, secret) => {
    const masked = maskedUrl(url);
    expect(masked).not.toContain(secret);
    expect(masked).toContain('***');
  });

  it('keeps where the messages go', () => {
    expect(maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1&debug=1')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***&debug=1',
    );
    expect(maskedUrl('http://127.0.0.1:8080/jiebang')).toBe('http://127.0.0.1:8080/jiebang');
  });
});

describe('secret fingerprints', () => {
  it('are the first 8 hex digits of the SHA-256, and differ when the secret does', () => {
    expect(secretFingerprint('abc')).toBe('ba7816bf');
    expect(secretFingerprint('abd')).not.toBe(secretFingerprint('abc'));
    expect(secretFingerprint(null)).toBeNull();
  });
});
