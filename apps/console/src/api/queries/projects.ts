/**
 * Reads of a year's key projects (重点项目): the project map, and the weekly dispatch (每周调度)
 * with each week's notes and digest. Keys under `cycleKeys.of(cycleId)` (cycles.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { ProjectMap, WeeklyDigest, WeeklyDispatchPlan, WeeklyNote } from '../types';
import { cycleKeys, cyclePath } from './cycles';
import { read } from './read';

export const useProjectMap = (cycleId: string | undefined, query = '') =>
  useQuery(
    read<ProjectMap>(
      cycleKeys.projects(cycleId ?? '', query),
      cycleId ? `${cyclePath(cycleId)}/projects/map${query ? `?${query}` : ''}` : null,
    ),
  );

export const useWeeklyPlan = (cycleId: string | undefined) =>
  useQuery(
    read<WeeklyDispatchPlan>(cycleKeys.weekly(cycleId ?? ''), cycleId ? `${cyclePath(cycleId)}/projects/weekly` : null),
  );

export const useWeeklyNotes = (cycleId: string, week: number) =>
  useQuery(
    read<WeeklyNote[]>(cycleKeys.weeklyNotes(cycleId, week), `${cyclePath(cycleId)}/projects/weekly/${week}/notes`),
  );

export const useWeeklyDigest = (cycleId: string, week: number) =>
  useQuery(
    read<WeeklyDigest>(cycleKeys.weeklyDigest(cycleId, week), `${cyclePath(cycleId)}/projects/weekly/${week}/digest`),
  );
