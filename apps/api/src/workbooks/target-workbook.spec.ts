import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '@jiebang/contracts';
import { readTargetWorkbook } from './target-workbook-reader';
import { exampleDocument, writeTargetWorkbook } from './target-workbook-writer';
import { declaredUnzippedSize } from './xlsx-package';

describe('the target workbook', () => {
  it('carries policy.weeklyDispatch (每周调度) both ways', async () => {
    const example = exampleDocument(2027);
    const weeklyDispatch = { categories: [example.categories[0]!.id], reminders: ['2d', '1d'] };
    const withDispatch = { ...example, policy: { ...example.policy, weeklyDispatch } };
    const reading = await readTargetWorkbook(await writeTargetWorkbook(withDispatch));
    expect(reading.problems).toEqual([]);
    expect((reading.document?.policy as Record<string, unknown>).weeklyDispatch).toEqual(weeklyDispatch);
    expect(validateScenario(reading.document).ok).toBe(true);
  });

  it('reads the template back as its example district, a valid scenario', async () => {
    const example = exampleDocument(2027);
    const reading = await readTargetWorkbook(await writeTargetWorkbook(example));
    expect(reading.problems).toEqual([]);
    const validation = validateScenario(reading.document);
    expect(validation.ok).toBe(true);
    expect(reading.document).toMatchObject({
      name: example.name,
      year: 2027,
      categories: example.categories,
      units: example.units,
      indicators: example.indicators,
    });
  });

  it('carries ratings by many (raters, failBelow, rated months) and the panels of the policy both ways', async () => {
    const example = exampleDocument(2027);
    const rated = {
      ...example,
      policy: { panels: { 巡察组: ['xc1', 'xc2'] } },
      indicators: [
        { ...example.indicators[0], weight: 80 },
        example.indicators[1],
        {
          id: 'dev-sat',
          unit: 'u-dev',
          name: '群众满意度',
          dimension: '群众满意度',
          direction: 'increase',
          measure: 'rate',
          weight: 20,
          satisfactory: 90,
          disallowed: 60,
          failBelow: 72,
          raters: [
            { group: 'peers', weight: 0.3 },
            { group: 'panel:巡察组', weight: 0.7 },
          ],
          ratedMonths: [6, 12],
        },
      ],
    };
    const reading = await readTargetWorkbook(await writeTargetWorkbook(rated));
    expect(reading.problems).toEqual([]);
    expect(validateScenario(reading.document).ok).toBe(true);
    expect(reading.document).toMatchObject({ policy: rated.policy, indicators: rated.indicators });
  });

  it('gives the template a note on every header and a drop-down for each unit column', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTargetWorkbook(exampleDocument(2027))) as unknown as ArrayBuffer);
    const indicators = workbook.getWorksheet('指标')!;
    indicators.getRow(1).eachCell((cell) => expect(cell.note, String(cell.value)).toBeTruthy());
    expect(indicators.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['单位!$A$2:$A$203'] });
    expect(indicators.getCell('E5').dataValidation).toMatchObject({ type: 'list', formulae: ['"正向指标,逆向指标"'] });
  });

  it('places each read field at its cell', async () => {
    const reading = await readTargetWorkbook(await writeTargetWorkbook(exampleDocument(2027)));
    expect(reading.placeOf('indicators[1].weight')).toEqual({ sheet: '指标', row: 3, column: 7 });
    expect(reading.placeOf('indicators[0].plan[4]')).toEqual({ sheet: '指标', row: 2, column: 14 });
    expect(reading.placeOf('units[1].category')).toEqual({ sheet: '单位', row: 3, column: 3 });
    expect(reading.placeOf('policy.fullScore')).toMatchObject({ sheet: '政策', column: 2 });
  });

  it('carries the key projects (leaders, projects and their milestone due dates) both ways, placed at their cells', async () => {
    const example = exampleDocument(2027);
    const reading = await readTargetWorkbook(await writeTargetWorkbook(example));
    expect(reading.problems).toEqual([]);
    expect(reading.document).toMatchObject({ leaders: example.leaders, projects: example.projects });
    expect(validateScenario(reading.document).ok).toBe(true);
    // 重点项目: A id … G 年度计划投资, then 签约 H, 供地 I, 开工 J, 入统 K, 竣工 L.
    expect(reading.placeOf('projects[0].milestones[1].due')).toEqual({ sheet: '重点项目', row: 2, column: 10 });
    expect(reading.placeOf('projects[0].leader')).toEqual({ sheet: '重点项目', row: 2, column: 4 });
    expect(reading.placeOf('leaders[0].title')).toEqual({ sheet: '挂帅领导', row: 2, column: 3 });
  });

  it('reads a due date written as a date cell or as 2027/6/30, and refuses one it cannot be sure of', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTargetWorkbook(exampleDocument(2027))) as unknown as ArrayBuffer);
    const projects = workbook.getWorksheet('重点项目')!;
    projects.getCell('H2').value = new Date(Date.UTC(2027, 1, 28));
    projects.getCell('I2').value = '2027/3/5';
    projects.getCell('K2').value = '2027年7月1日';
    const good = await readTargetWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(good.problems).toEqual([]);
    expect((good.document?.projects as Array<{ milestones: unknown }>)[0].milestones).toEqual([
      { kind: 'signed', due: '2027-02-28' },
      { kind: 'land', due: '2027-03-05' },
      { kind: 'started', due: '2027-06-30' },
      { kind: 'in_statistics', due: '2027-07-01' },
      { kind: 'completed', due: '2028-06-30' },
    ]);
    projects.getCell('I2').value = '3/5/2027';
    projects.getCell('K2').value = '2027-02-30';
    const bad = await readTargetWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(bad.problems.map(({ cell }) => cell)).toEqual(['重点项目!I2', '重点项目!K2']);
  });

  it('reads a workbook without the key-project sheets as a year without key projects', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTargetWorkbook(exampleDocument(2027))) as unknown as ArrayBuffer);
    workbook.removeWorksheet(workbook.getWorksheet('挂帅领导')!.id);
    workbook.removeWorksheet(workbook.getWorksheet('重点项目')!.id);
    const reading = await readTargetWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(reading.problems).toEqual([]);
    expect(reading.document).not.toHaveProperty('projects');
    expect(validateScenario(reading.document).ok).toBe(true);
  });

  it('knows the unzipped size of a workbook before reading it, and a file that is no zip', async () => {
    const content = await writeTargetWorkbook(exampleDocument(2027));
    const size = declaredUnzippedSize(content);
    expect(size.ok && size.unzippedBytes > content.length).toBe(true);
    expect(declaredUnzippedSize(Buffer.from('单位,指标\n'))).toEqual({ ok: false, reason: 'not-a-zip' });
  });
});
