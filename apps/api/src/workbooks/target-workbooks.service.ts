import { Inject, Injectable } from '@nestjs/common';
import { validateScenario, type Actor, type Scenario } from '@jiebang/contracts';
import { CycleRepository, KeyProjectRepository } from '@jiebang/persistence';
import { MILESTONE_KINDS } from '@jiebang/domain';
import { ApiException } from '../common/api-exception';
import type { CycleImportResult } from '@jiebang/contracts/http/cycles';
import { CyclesService } from '../cycles/cycles.service';
import { scenarioMessageZh } from './scenario-problem-zh';
import { readTargetWorkbook } from './target-workbook-reader';
import { SHEETS } from './target-workbook-layout';
import { exampleDocument, writeTargetWorkbook, type TargetDocument } from './target-workbook-writer';
import { cellReference } from './workbook-cells';
import { previewOf, type TargetWorkbookPreview } from './target-workbook-preview';
import { inWorkbookOrder, problemAt, type WorkbookProblem } from './workbook-problem';
import { declaredUnzippedSize, WORKBOOK_MAX_BYTES, WORKBOOK_MAX_UNZIPPED_BYTES } from './xlsx-package';

const MIB = 1024 * 1024;

/** The target workbook (目标任务分解表): the template, its check and import, and a cycle's export. */
@Injectable()
export class TargetWorkbooksService {
  constructor(
    @Inject(CyclesService) private readonly cycles: CyclesService,
    @Inject(CycleRepository) private readonly cycleRows: CycleRepository,
    @Inject(KeyProjectRepository) private readonly keyProjects: KeyProjectRepository,
  ) {}

  /** The empty template: every sheet, header note and drop-down, and an example district in the first rows. */
  template(year = new Date().getUTCFullYear()): Promise<Buffer> {
    return writeTargetWorkbook(exampleDocument(year));
  }

  /** Checks a workbook as the import would and says what it holds; stores nothing. */
  async preview(content: Buffer): Promise<TargetWorkbookPreview> {
    return previewOf(await this.checked(content));
  }

  /** Checks a workbook and imports it as the JSON import does (same rules, same audit, same workflows). */
  async import(content: Buffer, actor: Actor): Promise<CycleImportResult> {
    return this.cycles.importScenario(await this.checked(content), { actor });
  }

  /** A cycle as a target workbook: next year starts from this one. */
  async export(cycleId: string): Promise<{ name: string; content: Buffer }> {
    const cycle = await this.cycleRows.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    const [{ categories }, { units, indicators }, keyProjects] = await Promise.all([
      this.cycleRows.organisation(cycleId),
      this.cycleRows.unitsAndIndicators(cycleId),
      this.keyProjects.findByCycle(cycleId),
    ]);
    const document: TargetDocument = {
      name: cycle.name,
      year: cycle.year,
      policy: cycle.policy as unknown as Record<string, unknown>,
      categories: categories.map(({ id, name }) => ({ id, name })),
      units: units.map((unit) => ({
        id: unit.id,
        name: unit.name,
        category: unit.categoryId,
        head: unit.head ?? undefined,
        deputy: unit.deputy ?? undefined,
      })),
      indicators: indicators.map((indicator) => ({
        id: indicator.id,
        unit: indicator.unitId,
        name: indicator.name,
        dimension: indicator.dimension,
        direction: indicator.direction,
        measure: indicator.measure,
        weight: indicator.weight,
        satisfactory: indicator.satisfactory,
        disallowed: indicator.disallowed,
        plan: indicator.plan ?? undefined,
        cooperating: indicator.cooperating,
        basis: indicator.basis ?? undefined,
        raters: indicator.raters ?? undefined,
        failBelow: indicator.failBelow ?? undefined,
        ratedMonths: indicator.ratedMonths ?? undefined,
      })),
      leaders: keyProjects.leaders.map(({ id, name, title }) => ({ id, name, title })),
      projects: keyProjects.projects.map((project) => ({
        id: project.id,
        name: project.name,
        unit: project.unitId,
        leader: project.leaderId,
        indicator: project.indicatorId,
        plannedInvestment: project.plannedInvestment,
        yearInvestment: project.yearInvestment,
        milestones: keyProjects.milestones
          .filter(({ projectId }) => projectId === project.id)
          .sort((a, b) => MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind))
          .map(({ kind, due }) => ({ kind, due })),
      })),
    };
    return { name: `${cycle.year}-${cycle.name}-目标任务分解表.xlsx`, content: await writeTargetWorkbook(document) };
  }

  /** The workbook as a valid scenario, or a 4xx listing every problem by sheet, row and column. */
  private async checked(content: Buffer): Promise<Scenario> {
    if (content.length > WORKBOOK_MAX_BYTES) throw tooLarge(content.length);
    const size = declaredUnzippedSize(content);
    if (size.ok && size.unzippedBytes > WORKBOOK_MAX_UNZIPPED_BYTES)
      throw new ApiException(
        'WORKBOOK_TOO_LARGE',
        `The workbook unzips to ${(size.unzippedBytes / MIB).toFixed(1)} MiB; at most ${WORKBOOK_MAX_UNZIPPED_BYTES / MIB} MiB unzipped is read (工作簿解压后不能超过 ${WORKBOOK_MAX_UNZIPPED_BYTES / MIB} MiB)`,
        undefined,
        { unzippedMiB: Number((size.unzippedBytes / MIB).toFixed(1)), limitMiB: WORKBOOK_MAX_UNZIPPED_BYTES / MIB },
      );
    if (!size.ok)
      invalid([
        size.reason === 'zip64'
          ? problemAt(
              undefined,
              '工作簿过大（ZIP64），无法读取',
              'a Zip64 package: far larger than any workbook read here',
            )
          : problemAt(undefined, '不是 .xlsx 工作簿', 'not an .xlsx workbook (not a zip package)'),
      ]);
    const reading = await readTargetWorkbook(content);
    if (!reading.document) invalid(reading.problems);
    const validation = validateScenario(reading.document);
    if (validation.ok && reading.problems.length === 0) return validation.scenario;
    const placed = new Set(reading.problems.map((problem) => problem.cell));
    const checked = validation.ok
      ? []
      : validation.problems
          .map((problem) => {
            const messageEn = problem.message.replace(
              /\b(?:units|indicators|categories|leaders|projects)\[\d+\]/g,
              (path) => {
                const place = reading.placeOf(path);
                return place ? cellReference(place) : path;
              },
            );
            return problemAt(reading.placeOf(problem.path), scenarioMessageZh(messageEn), messageEn);
          })
          // A cell the reader could not read is reported once, by the reader.
          .filter((problem) => !placed.has(problem.cell));
    invalid([...reading.problems, ...checked]);
  }
}

function invalid(problems: WorkbookProblem[]): never {
  const count = problems.length;
  throw new ApiException(
    'WORKBOOK_INVALID',
    `The workbook has ${count} problem${count === 1 ? '' : 's'}; nothing was stored`,
    inWorkbookOrder(problems, Object.values(SHEETS)),
    { count },
  );
}

/** 413 naming the limit: the body parser and the service both refuse with it. */
export function tooLarge(bytes?: number): ApiException {
  const size = bytes === undefined ? 'larger than that' : `${(bytes / MIB).toFixed(1)} MiB`;
  return new ApiException(
    'WORKBOOK_TOO_LARGE',
    `A workbook upload is at most ${WORKBOOK_MAX_BYTES / MIB} MiB; this one is ${size} (工作簿不能超过 ${WORKBOOK_MAX_BYTES / MIB} MiB)`,
    undefined,
    {
      limitMiB: WORKBOOK_MAX_BYTES / MIB,
      ...(bytes === undefined ? {} : { sizeMiB: Number((bytes / MIB).toFixed(1)) }),
    },
  );
}
