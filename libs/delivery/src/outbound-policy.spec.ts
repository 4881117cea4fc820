import { describe, expect, it } from 'vitest';
import { parseOutboundAllow } from '@jiebang/config';
import { OutboundPolicy } from './outbound-policy';

const publicOnly = new OutboundPolicy();
const loopbackAllowed = new OutboundPolicy(parseOutboundAllow('127.0.0.1/32,::1/128'));

/** The host part of a URL as the WHATWG parser reads it (what the senders connect to). */
const hostOf = (url: string) => new URL(url).hostname;

describe('the outbound destination policy', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://127.0.0.1:5432/', 'loopback'],
    ['http://[::1]:7233/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.31.0.1/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://0.0.0.0/', 'this network'],
    ['http://[fd00::1]/', 'unique local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64'],
  ])('refuses %s by default (%s)', (url, reason) => {
    const verdict = publicOnly.checkHost(hostOf(url));
    expect(verdict).toMatchObject({ allowed: false });
    expect(verdict !== 'resolve' && !verdict.allowed && verdict.reason).toContain(reason);
  });

  it.each(['metadata.google.internal', 'localhost', 'api.localhost', 'printer.local', 'METADATA.GOOGLE.INTERNAL.'])(
    'refuses the inward name %s without resolving it',
    (host) => {
      expect(publicOnly.checkHost(host)).toMatchObject({ allowed: false });
      expect(loopbackAllowed.checkHost(host)).toMatchObject({ allowed: false });
    },
  );

  it('allows public addresses and leaves other names to be resolved', () => {
    expect(publicOnly.checkHost('8.8.8.8')).toEqual({ allowed: true });
    expect(publicOnly.checkHost('[2606:4700::1111]')).toEqual({ allowed: true });
    expect(publicOnly.checkHost('oapi.dingtalk.com')).toBe('resolve');
  });

  it('allows exactly the ranges the operator lists', () => {
    expect(loopbackAllowed.check('127.0.0.1')).toEqual({ allowed: true });
    expect(loopbackAllowed.check('::1')).toEqual({ allowed: true });
    expect(loopbackAllowed.check('::ffff:127.0.0.1')).toEqual({ allowed: true });
    expect(loopbackAllowed.check('127.0.0.2')).toMatchObject({ allowed: false });
    expect(loopbackAllowed.check('169.254.169.254')).toMatchObject({ allowed: false });
  });

  it('refuses a range list that is not CIDR, naming the bad entry', () => {
    expect(() => parseOutboundAllow('127.0.0.1/33')).toThrow('127.0.0.1/33');
    expect(() => parseOutboundAllow('intranet')).toThrow('intranet');
    expect(parseOutboundAllow(' 10.0.0.0/8 , ,::1 ')).toEqual([
      { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { address: '::1', prefix: 128, family: 'ipv6' },
    ]);
  });
});
