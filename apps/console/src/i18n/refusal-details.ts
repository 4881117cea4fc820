import { formatDueAt } from '@jiebang/contracts/message-catalogue';
import type { ApiErrorCode } from '../api/types';

type Params = Record<string, string | number>;
type Sentence = (params: Params) => string | null;

/** A time the API sends (ISO), as the district reads it; the value itself when it is not one. */
const when = (value: string | number | undefined) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? formatDueAt(value) : String(value ?? '');

/** `null` unless every named parameter is there: a sentence is never said with a hole in it. */
const needs =
  (names: string[], say: (params: Params) => string): Sentence =>
  (params) =>
    names.every((name) => params[name] !== undefined) ? say(params) : null;

/**
 * The sentence of a refusal the console shows most, built from the problem's code and its
 * parameters (`params` of the API's answer) in the person's language, in place of the API's own
 * English sentence. A code not here (or an answer without the parameters) shows the API's words.
 */
export const REFUSAL_DETAILS: Partial<Record<ApiErrorCode, { zh: Sentence; en: Sentence }>> = {
  UNIT_NOT_FOUND: {
    zh: needs(['unit', 'cycle'], (p) => `考核年度 ${p.cycle} 中没有编码为 ${p.unit} 的责任单位`),
    en: needs(['unit', 'cycle'], (p) => `No unit ${p.unit} in the assessment year ${p.cycle}`),
  },
  UNKNOWN_UNIT: {
    zh: needs(['unit'], (p) => `任何考核年度中都没有编码为 ${p.unit} 的责任单位`),
    en: needs(['unit'], (p) => `No unit ${p.unit} in any assessment year`),
  },
  CYCLE_NOT_FOUND: {
    zh: needs(['cycle'], (p) => `没有考核年度 ${p.cycle}`),
    en: needs(['cycle'], (p) => `No assessment year ${p.cycle}`),
  },
  CYCLE_CONFLICT: {
    zh: needs(
      ['year', 'name'],
      (p) => `${p.year} 年度已有名为“${p.name}”的考核，内容不同；如要导入另一套考核，请修改名称`,
    ),
    en: needs(
      ['year', 'name'],
      (p) =>
        `${p.year} already has an assessment named "${p.name}" with different content; rename it to import another`,
    ),
  },
  REPORT_WINDOW_NOT_OPEN: {
    zh: needs(['month', 'opensAt'], (p) => `${p.month}月报告的填报于 ${when(p.opensAt)} 开始`),
    en: needs(['month', 'opensAt'], (p) => `The report for month ${p.month} opens at ${when(p.opensAt)}`),
  },
  REPORT_DEADLINE_PASSED: {
    zh: needs(['month', 'due'], (p) => `${p.month}月报告的截止时间 ${when(p.due)} 已过；如需延期，请向考核办申请`),
    en: needs(
      ['month', 'due'],
      (p) => `The report for month ${p.month} was due ${when(p.due)}; ask an assessor for an extension`,
    ),
  },
  MONTH_CLOSED: {
    zh: needs(['month'], (p) => `${p.month}月已排名，报告不能再修改`),
    en: needs(['month'], (p) => `Month ${p.month} is ranked: its reports no longer change`),
  },
  APPEAL_WINDOW_CLOSED: {
    zh: needs(['month'], (p) => `${p.month}月的申诉期未开放或已结束`),
    en: needs(['month'], (p) => `Appeals for month ${p.month} are not open`),
  },
  PUBLIC_LINKS_OFF: {
    zh: needs(
      ['month'],
      (p) =>
        `${p.month}月的公开链接未生成：本区公开链接已关闭，关闭时已撤销全部链接；领导或管理员在本页重新开启后方可生成`,
    ),
    en: needs(
      ['month'],
      (p) =>
        `No link to month ${p.month} was made: the district's public links are off (switching off revoked them all); leadership or an administrator may switch them on here`,
    ),
  },
  WORKBOOK_INVALID: {
    zh: needs(['count'], (p) => `工作簿有 ${p.count} 处问题，未导入任何内容；请按下列单元格逐一修改`),
    en: needs(['count'], (p) => `The workbook has ${p.count} problem(s); nothing was stored: correct the cells listed`),
  },
  WORKBOOK_TOO_LARGE: {
    zh: (p) =>
      p.unzippedMiB !== undefined
        ? `工作簿解压后为 ${p.unzippedMiB} MiB，不能超过 ${p.limitMiB} MiB`
        : p.limitMiB !== undefined
          ? `工作簿不能超过 ${p.limitMiB} MiB${p.sizeMiB !== undefined ? `，此文件为 ${p.sizeMiB} MiB` : ''}`
          : null,
    en: (p) =>
      p.unzippedMiB !== undefined
        ? `The workbook unzips to ${p.unzippedMiB} MiB; at most ${p.limitMiB} MiB is read`
        : p.limitMiB !== undefined
          ? `A workbook is at most ${p.limitMiB} MiB${p.sizeMiB !== undefined ? `; this one is ${p.sizeMiB} MiB` : ''}`
          : null,
  },
};

/** The refusal's sentence in the language, from its parameters; null when the catalogue cannot say it. */
export function refusalDetail(code: string, params: Params | undefined, language: 'zh' | 'en'): string | null {
  const sentence = REFUSAL_DETAILS[code as ApiErrorCode];
  return sentence && params ? sentence[language](params) : null;
}
