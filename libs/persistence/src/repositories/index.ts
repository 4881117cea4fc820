export * from './case.repository';
export * from './cycle.repository';
export * from './supervision-item.repository';
export * from './workflow-record';
export * from './unit.repository';
export * from './veto.repository';
export * from './month-ranking.repository';
export * from './audit-log.repository';
