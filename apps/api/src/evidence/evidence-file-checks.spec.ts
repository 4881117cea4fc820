import { describe, expect, it } from 'vitest';
import { ApiException } from '../common/api-exception';
import { checkedContentType, checkedFileName } from './evidence-file-checks';

const bytes = (...head: number[]) => Buffer.from([...head, 0x20, 0x20, 0x20]);
const codeOf = (act: () => unknown) => {
  try {
    act();
    return 'accepted';
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
};

describe('evidence file checks', () => {
  it.each([
    ['application/pdf', 'scan.pdf', bytes(0x25, 0x50, 0x44, 0x46), 'accepted'],
    ['image/jpeg; charset=binary', '现场.JPG', bytes(0xff, 0xd8, 0xff), 'accepted'],
    ['image/png', 'photo.png', bytes(0x89, 0x50, 0x4e, 0x47), 'accepted'],
    [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '台账.xlsx',
      bytes(0x50, 0x4b, 0x03, 0x04),
      'accepted',
    ],
    ['application/pdf', 'scan.exe', bytes(0x25, 0x50, 0x44, 0x46), 'EVIDENCE_TYPE_REFUSED'],
    ['application/pdf', 'scan.pdf', bytes(0x4d, 0x5a), 'EVIDENCE_TYPE_REFUSED'],
    ['text/html', 'page.html', bytes(0x3c, 0x68), 'EVIDENCE_TYPE_REFUSED'],
    [undefined, 'scan.pdf', bytes(0x25, 0x50, 0x44, 0x46), 'EVIDENCE_TYPE_REFUSED'],
  ] as const)('%s named %s: %s', (type, name, content, expected) => {
    expect(codeOf(() => checkedContentType(type, name, content))).toBe(expected);
  });

  it.each([
    ['项目台账.pdf', 'accepted'],
    ['  padded.pdf ', 'accepted'],
    ['../etc/passwd', 'EVIDENCE_MISSING'],
    ['a\\b.pdf', 'EVIDENCE_MISSING'],
    ['bell\u0007.pdf', 'EVIDENCE_MISSING'],
    ['invoice\u202Efdp.exe', 'EVIDENCE_MISSING'],
    ['\u200B\u200B', 'EVIDENCE_MISSING'],
    ['', 'EVIDENCE_MISSING'],
    ['x'.repeat(201), 'EVIDENCE_MISSING'],
    [undefined, 'EVIDENCE_MISSING'],
  ] as const)('file name %j: %s', (name, expected) => {
    expect(codeOf(() => checkedFileName(name))).toBe(expected);
  });
});
