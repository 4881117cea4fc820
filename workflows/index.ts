export { unitCycleWorkflow } from './unit-cycle/unit-cycle.workflow';
export { caseWorkflow } from './case.workflow';
export { supervisionWorkflow } from './supervision.workflow';
export { cycleWorkflow } from './cycle.workflow';
export { keyProjectWorkflow } from './key-project.workflow';
export { ratingRoundWorkflow } from './rating-round.workflow';
export { keyProjectCalendarWorkflow } from './key-project-calendar.workflow';
