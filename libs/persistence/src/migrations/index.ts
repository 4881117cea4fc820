import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { ReportsAndRankings1763850000000 } from './1763850000000-reports-and-rankings';
import { CasesAndSupervision1763900000000 } from './1763900000000-cases-and-supervision';
import { IdentityAndAudit1764000000000 } from './1764000000000-identity-and-audit';
import { CaseOutcomeDeadline1764100000000 } from './1764100000000-case-outcome-deadline';
import { Accounts1765200000000 } from './1765200000000-accounts';
import { FairMonthCompleteReport1765300000000 } from './1765300000000-fair-month-complete-report';
import { NotificationDelivery1765400000000 } from './1765400000000-notification-delivery';
import { RankingCause1766200000000 } from './1766200000000-ranking-cause';
import { ReportDeadline1766500000000 } from './1766500000000-report-deadline';
import { AuditChainFunctions1766800000000 } from './1766800000000-audit-chain-functions';
import { IndicatorRatings1767000000000 } from './1767000000000-indicator-ratings';
import { KeyProjects1767100000000 } from './1767100000000-key-projects';
import { KeyProjectProgress1767200000000 } from './1767200000000-key-project-progress';
import { Bulletins1767250000000 } from './1767250000000-bulletins';
import { DistrictUnitRegister1767300000000 } from './1767300000000-district-unit-register';
import { FoldedAccountIds1767300000001 } from './1767300000001-folded-account-ids';
import { RatingRounds1767350000000 } from './1767350000000-rating-rounds';
import { WeeklyDispatch1767400000000 } from './1767400000000-weekly-dispatch';
import { RatingPanels1767400000001 } from './1767400000001-rating-panels';
import { DistrictSettings1767400000002 } from './1767400000002-district-settings';
import { ReportExtension1767400000003 } from './1767400000003-report-extension';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  ReportsAndRankings1763850000000,
  CasesAndSupervision1763900000000,
  IdentityAndAudit1764000000000,
  CaseOutcomeDeadline1764100000000,
  Accounts1765200000000,
  FairMonthCompleteReport1765300000000,
  NotificationDelivery1765400000000,
  RankingCause1766200000000,
  ReportDeadline1766500000000,
  AuditChainFunctions1766800000000,
  IndicatorRatings1767000000000,
  KeyProjects1767100000000,
  KeyProjectProgress1767200000000,
  Bulletins1767250000000,
  DistrictUnitRegister1767300000000,
  FoldedAccountIds1767300000001,
  RatingRounds1767350000000,
  WeeklyDispatch1767400000000,
  RatingPanels1767400000001,
  DistrictSettings1767400000002,
  ReportExtension1767400000003,
];
