import { describe, expect, it } from 'vitest';
import { REFUSAL_DETAILS, refusalDetail } from './refusal-details';

/** The parameters the API answers each code with (see apps/api: ApiException's params, workflows/refusal.ts). */
const PARAMS: Record<string, Record<string, string | number>> = {
  UNIT_NOT_FOUND: { unit: 'u03', cycle: '2026-district' },
  UNKNOWN_UNIT: { unit: 'u03' },
  CYCLE_NOT_FOUND: { cycle: '2026-district' },
  CYCLE_CONFLICT: { cycle: '2026-district', year: 2026, name: 'District' },
  REPORT_WINDOW_NOT_OPEN: { month: 3, opensAt: '2026-03-31T16:00:00.000Z' },
  REPORT_DEADLINE_PASSED: { month: 3, due: '2026-04-05T09:00:00.000Z' },
  MONTH_CLOSED: { month: 3 },
  APPEAL_WINDOW_CLOSED: { month: 3 },
  PUBLIC_LINKS_OFF: { cycle: '2026-district', month: 3 },
  WORKBOOK_INVALID: { count: 4 },
  WORKBOOK_TOO_LARGE: { limitMiB: 10, sizeMiB: 12.5 },
};

describe('refusals said from their parameters', () => {
  it('has the parameters of every code it says', () => {
    expect(Object.keys(PARAMS).sort()).toEqual(Object.keys(REFUSAL_DETAILS).sort());
  });

  it.each(Object.keys(PARAMS))('%s in Chinese, with no English sentence', (code) => {
    const zh = refusalDetail(code, PARAMS[code], 'zh')!;
    expect(zh).toBeTruthy();
    // The values are there; the words around them are Chinese.
    expect(zh.replace(/[\w.:\- "-]/g, '')).not.toBe('');
    expect(zh).not.toMatch(/\b(No|The|is|in|was|due|opens)\b/);
    expect(refusalDetail(code, PARAMS[code], 'en')).toBeTruthy();
  });

  it('names the unit and the year, and the time as the district reads it', () => {
    expect(refusalDetail('UNIT_NOT_FOUND', PARAMS.UNIT_NOT_FOUND, 'zh')).toBe(
      '考核年度 2026-district 中没有编码为 u03 的责任单位',
    );
    expect(refusalDetail('REPORT_DEADLINE_PASSED', PARAMS.REPORT_DEADLINE_PASSED, 'zh')).toBe(
      '3月报告的截止时间 2026-04-05 17:00 已过；如需延期，请向考核办申请',
    );
    expect(refusalDetail('WORKBOOK_TOO_LARGE', { unzippedMiB: 120, limitMiB: 100 }, 'zh')).toBe(
      '工作簿解压后为 120 MiB，不能超过 100 MiB',
    );
  });

  it('says nothing for a code it does not know or an answer without the parameters', () => {
    expect(refusalDetail('REPORT_NOT_EDITABLE', { month: 3 }, 'zh')).toBeNull();
    expect(refusalDetail('UNIT_NOT_FOUND', undefined, 'zh')).toBeNull();
    expect(refusalDetail('UNIT_NOT_FOUND', { unit: 'u03' }, 'zh')).toBeNull();
  });
});
