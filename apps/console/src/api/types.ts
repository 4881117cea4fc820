/**
 * The API's answers as the console receives them: the API's own view types (its DTO classes and
 * libs/contracts), never declared again here. `Json<T>` is what JSON makes of a type (dates as strings).
 */
import type { AdminTaskView, WorkflowDetailView, WorkflowListView } from '@jiebang/api/admin/admin.dto';
import type { AuditPage, AuditVerificationView } from '@jiebang/api/audit/audit.dto';
import type { SignedInUser, SignInResponse } from '@jiebang/api/auth/auth.dto';
import type { CaseDetailView, CaseView } from '@jiebang/api/cases/case.dto';
import type { ErrorBody } from '@jiebang/api/common/error-body';
import type { ApiErrorCode } from '@jiebang/api/common/api-exception';
import type { CycleDetail as CycleDetailView, CycleImportResult, CycleSummary } from '@jiebang/api/cycles/cycle.dto';
import type { TargetWorkbookPreview } from '@jiebang/api/workbooks/target-workbook-preview';
import type { WorkbookProblem as WorkbookProblemView } from '@jiebang/api/workbooks/workbook-problem';
import type { MonthRankingView, UnitScoreView } from '@jiebang/api/months/month-ranking.view';
import type { SupervisionItemDetailView, SupervisionItemView } from '@jiebang/api/supervision/supervision.dto';
import type { MyTasksView } from '@jiebang/api/tasks/tasks.dto';
import type { IndicatorView, UnitView } from '@jiebang/api/units/unit.dto';
import type { ReportEntity } from '@jiebang/persistence/entities/report.entity';

export type Json<T> = T extends Date
  ? string
  : T extends Array<infer Item>
    ? Json<Item>[]
    : T extends object
      ? { [Key in keyof T as T[Key] extends (...args: never[]) => unknown ? never : Key]: Json<T[Key]> }
      : T;

export type Task = Json<AdminTaskView>;
export type MyTasks = Json<MyTasksView>;
export type Cycle = Json<CycleSummary>;
export type CycleDetail = Json<CycleDetailView>;
export type CycleImported = Json<CycleImportResult>;
export type WorkbookPreview = Json<TargetWorkbookPreview>;
export type WorkbookProblem = Json<WorkbookProblemView>;
export type Unit = Json<UnitView>;
export type Indicator = Json<IndicatorView>;
export type StoredReport = Json<ReportEntity>;
export type Ranking = Json<MonthRankingView>;
export type UnitScore = Json<UnitScoreView>;
export type Case = Json<CaseView>;
export type CaseDetail = Json<CaseDetailView>;
export type SupervisionItem = Json<SupervisionItemView>;
export type SupervisionItemDetail = Json<SupervisionItemDetailView>;
export type WorkflowList = Json<WorkflowListView>;
export type WorkflowDetail = Json<WorkflowDetailView>;
export type AuditEntries = Json<AuditPage>;
export type AuditVerification = Json<AuditVerificationView>;
export type User = Json<SignedInUser>;
export type Tokens = Json<SignInResponse>;
export type Refusal = Json<ErrorBody> & { code: ApiErrorCode | 'NETWORK' };
export type { ApiErrorCode };
export type {
  AnnualResultsView as AnnualResults,
  CycleStatus,
  EvidenceFileView as EvidenceFile,
  LeaderPortfolio,
  ProjectMap,
  ProjectOnMap,
  WeeklyDigest,
  WeeklyDispatchPlan,
  WeeklyNote,
  MonthCloseState,
  MonthReport,
  RankingCause,
  Role,
  UnitName,
} from '@jiebang/contracts';
export type {
  AccountList,
  AccountView,
  AccountWithTemporaryPassword,
  ImportOutcome,
  ImportProblem,
  SignInMethods,
} from '@jiebang/contracts/account';
