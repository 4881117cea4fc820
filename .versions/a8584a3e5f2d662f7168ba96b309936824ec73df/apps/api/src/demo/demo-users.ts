import type { NewUser } from '../auth/users.service';

/** The password of every demo user: a demo district is for looking around, never for production. */
export const DEMO_PASSWORD = 'jiebang-demo';

/** The unit the demo unit people act for: 区发改局 of the demo district. */
export const DEMO_UNIT = 'u00';

/** One demo user per role (README lists them); seeded with the demo district, never in production. */
export const DEMO_USERS: NewUser[] = [
  {
    id: 'demo-head',
    displayName: '区发改局局长 (演示)',
    roles: ['UNIT_HEAD'],
    unitId: DEMO_UNIT,
    password: DEMO_PASSWORD,
  },
  {
    id: 'demo-reporter',
    displayName: '区发改局联络员 (演示)',
    roles: ['UNIT_REPORTER'],
    unitId: DEMO_UNIT,
    password: DEMO_PASSWORD,
  },
  { id: 'demo-assessor', displayName: '督查考评组 (演示)', roles: ['ASSESSOR'], password: DEMO_PASSWORD },
  { id: 'demo-orgdept', displayName: '组织部 (演示)', roles: ['ORG_DEPT'], password: DEMO_PASSWORD },
  { id: 'demo-discipline', displayName: '纪委 (演示)', roles: ['DISCIPLINE'], password: DEMO_PASSWORD },
  { id: 'demo-leadership', displayName: '区委 (演示)', roles: ['LEADERSHIP'], password: DEMO_PASSWORD },
  { id: 'demo-admin', displayName: '系统管理员 (演示)', roles: ['ADMIN'], password: DEMO_PASSWORD },
];
