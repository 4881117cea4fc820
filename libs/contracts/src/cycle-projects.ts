import type { KeyProject, Leader } from '@jiebang/domain';

/** A cycle's key projects (三挂) as imported: the leaders in command and the projects with their milestones. */
export interface CycleKeyProjects {
  leaders: Leader[];
  projects: KeyProject[];
}
