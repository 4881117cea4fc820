import { Inject, Injectable } from '@nestjs/common';
import {
  unitSubject,
  type Actor,
  type CategoryDigest,
  type SuperviseWeeklyProblemBody,
  type WeeklyDigest,
  type WeeklyDispatchPlan,
  type WeeklyNote,
  type WeeklyNoteBody,
} from '@jiebang/contracts';
import { deadlineAfter, dispatchWeeks, weekAt, type DispatchWeek } from '@jiebang/domain';
import {
  CycleRepository,
  KeyProjectRepository,
  WeeklyNoteRepository,
  type CycleEntity,
  type KeyProjectWeeklyNoteEntity,
} from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { requireUnitRole } from '../common/actor';
import { ApiException } from '../common/api-exception';
import { visibleUnitFilter } from '../common/unit-scope';
import type { OpenSupervisionItemResult } from '@jiebang/contracts/http/supervision';
import { SupervisionService } from '../supervision/supervision.service';
import { ProjectMapService } from './project-map.service';

/**
 * Weekly dispatch (每周调度): the owner units of the categories `policy.weeklyDispatch` names send
 * a short note on each key project every week, while the week is open; the assessors read a
 * digest per category (missing, slipping, stalled, problems) and may make a note's problems a
 * supervision item. Not scored. The reminders and the close of each week are the workflow's.
 */
@Injectable()
export class WeeklyDispatchService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(KeyProjectRepository) private readonly projects: KeyProjectRepository,
    @Inject(WeeklyNoteRepository) private readonly notes: WeeklyNoteRepository,
    @Inject(ProjectMapService) private readonly projectMap: ProjectMapService,
    @Inject(SupervisionService) private readonly supervision: SupervisionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** The categories dispatched weekly, every week of the cycle and the one open now. */
  async plan(cycleId: string): Promise<WeeklyDispatchPlan> {
    const cycle = await this.findCycle(cycleId);
    const weeks = dispatchWeeks(cycle.periods, cycle.policy);
    return {
      categories: cycle.policy.weeklyDispatch?.categories ?? [],
      weeks,
      currentWeek: weekAt(weeks, Date.now())?.week ?? null,
    };
  }

  /**
   * The owner unit's note for a week (its head or reporter): taken from the week's start until
   * it closes, once per project and week, stored with its audit row; refused with nothing stored.
   */
  async send(cycleId: string, projectId: string, actor: Actor, body: WeeklyNoteBody): Promise<WeeklyNote> {
    const cycle = await this.findCycle(cycleId);
    const project = await this.projects.findProject(cycleId, projectId);
    if (!project) throw new ApiException('NOT_FOUND', `No key project ${projectId} in cycle ${cycleId}`);
    requireUnitRole(actor, ['UNIT_HEAD', 'UNIT_REPORTER'], project.unitId);
    const { units } = await this.cycles.organisation(cycleId);
    const category = units.find((unit) => unit.id === project.unitId)?.categoryId;
    if (!category || !(cycle.policy.weeklyDispatch?.categories ?? []).includes(category))
      throw new ApiException(
        'NOT_DISPATCHED_WEEKLY',
        `Project ${projectId}'s unit is in category ${category ?? '?'}, which the policy does not dispatch weekly`,
      );
    const week = this.weekOf(cycle, body.week);
    const now = Date.now();
    if (now < Date.parse(week.start))
      throw new ApiException('WEEK_NOT_OPEN', `Week ${week.week}'s notes are taken from ${week.start}`);
    if (now >= Date.parse(week.end))
      throw new ApiException('WEEK_CLOSED', `Week ${week.week} closed at ${week.end}: its notes are no longer taken`);

    const row = {
      cycleId,
      projectId,
      week: week.week,
      unitId: project.unitId,
      investment: body.investment,
      milestoneNews: body.milestoneNews ?? null,
      problems: body.problems ?? null,
      sentBy: actor.userId,
    };
    const stored = await this.notes.insert(row, (manager) =>
      this.audit.record(
        {
          actor,
          action: 'project.weekly_note_sent',
          subject: unitSubject(cycleId, project.unitId, 'projects', projectId, 'weekly', week.week),
          cycleId,
          unitId: project.unitId,
          change: {
            projectId,
            week: week.week,
            investment: row.investment,
            milestoneNews: row.milestoneNews,
            problems: row.problems,
          },
        },
        manager,
      ),
    );
    if (stored === 'note_sent')
      throw new ApiException(
        'WEEKLY_NOTE_ALREADY_SENT',
        `Project ${projectId} already has its note of week ${week.week}`,
      );
    return noteView(stored);
  }

  /** A week's notes: unit people see their own unit's, everyone else every unit's. */
  async list(cycleId: string, weekNumber: number, actor: Actor): Promise<WeeklyNote[]> {
    const cycle = await this.findCycle(cycleId);
    const week = this.weekOf(cycle, weekNumber);
    const unit = visibleUnitFilter(actor, undefined);
    return (await this.notes.notes(cycleId, week.week))
      .filter((note) => unit === undefined || note.unitId === unit)
      .map(noteView);
  }

  /**
   * The weekly digest per dispatched category: every project with its note (or none), the
   * missing notes, the slipping and stalled projects (the map's, over the closed months) and the
   * notes that name a problem.
   */
  async digest(cycleId: string, weekNumber: number): Promise<WeeklyDigest> {
    const cycle = await this.findCycle(cycleId);
    const week = this.weekOf(cycle, weekNumber);
    const [map, organisation, notes] = await Promise.all([
      this.projectMap.map(cycleId),
      this.cycles.organisation(cycleId),
      this.notes.notes(cycleId, week.week),
    ]);
    const categories = (cycle.policy.weeklyDispatch?.categories ?? []).map((category): CategoryDigest => {
      const projects = map.projects
        .filter((project) => project.category === category)
        .map((project) => {
          const note = notes.find((candidate) => candidate.projectId === project.id);
          return {
            project: project.id,
            name: project.name,
            unit: project.unit,
            unitName: project.unitName,
            leaderName: project.leaderName,
            note: note ? noteView(note) : null,
            slipped: project.slipped,
            stalled: project.stalled,
          };
        });
      return {
        category,
        name: organisation.categories.find((candidate) => candidate.id === category)?.name ?? category,
        projects,
        missing: projects.filter((project) => project.note === null).map((project) => project.project),
        slipping: projects.filter((project) => project.slipped.length > 0).map((project) => project.project),
        stalled: projects.filter((project) => project.stalled).map((project) => project.project),
        problems: projects.filter((project) => project.note?.problems).map((project) => project.project),
      };
    });
    return { week, closed: Date.now() >= Date.parse(week.end), categories };
  }

  /**
   * An assessor makes a note's problems a supervision item against the owner unit in one step
   * (the deadline `policy.milestoneGrace` from now unless given); the note keeps the item's id, so
   * a problem becomes one item.
   */
  async supervise(
    cycleId: string,
    weekNumber: number,
    projectId: string,
    actor: Actor,
    body: SuperviseWeeklyProblemBody,
  ): Promise<OpenSupervisionItemResult> {
    const cycle = await this.findCycle(cycleId);
    const week = this.weekOf(cycle, weekNumber);
    const note = await this.notes.findNote(cycleId, projectId, week.week);
    if (!note) throw new ApiException('WEEKLY_NOTE_NOT_FOUND', `Project ${projectId} has no note of week ${week.week}`);
    if (!note.problems)
      throw new ApiException(
        'NO_PROBLEM_TO_SUPERVISE',
        `The note of week ${week.week} on ${projectId} names no problem`,
      );
    if (note.supervisionItemId)
      throw new ApiException(
        'PROBLEM_ALREADY_SUPERVISED',
        `The problem of week ${week.week} on ${projectId} is supervision item ${note.supervisionItemId}`,
        { itemId: note.supervisionItemId },
      );
    const project = (await this.projects.findProject(cycleId, projectId))!;
    const deadline =
      body.deadline ?? deadlineAfter(new Date().toISOString(), cycle.policy.milestoneGrace, cycle.policy.calendar);
    const opened = await this.supervision.open(actor, {
      cycleId,
      unitId: note.unitId,
      title: `每周调度 第${week.week}周: ${project.name} (${projectId})`,
      indicatorId: project.indicatorId,
      description: `Problem reported in the weekly note of week ${week.week} on key project ${project.name}: ${note.problems}`,
      deadline,
    });
    await this.notes.attachItem(cycleId, projectId, week.week, opened.item.id);
    return opened;
  }

  private weekOf(cycle: CycleEntity, week: number): DispatchWeek {
    const found = dispatchWeeks(cycle.periods, cycle.policy).find((candidate) => candidate.week === week);
    if (!found)
      throw new ApiException('VALIDATION_FAILED', `Cycle ${cycle.id} has no dispatch week ${week}`, [
        { path: 'week', message: 'not a week of the weekly dispatch' },
      ]);
    return found;
  }

  private async findCycle(cycleId: string): Promise<CycleEntity> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`);
    return cycle;
  }
}

function noteView(note: KeyProjectWeeklyNoteEntity): WeeklyNote {
  return {
    project: note.projectId,
    week: note.week,
    unit: note.unitId,
    investment: note.investment,
    milestoneNews: note.milestoneNews,
    problems: note.problems,
    sentBy: note.sentBy,
    sentAt: note.sentAt.toISOString(),
    supervisionItemId: note.supervisionItemId,
  };
}
