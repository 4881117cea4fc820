/**
 * The API's answers as the console receives them: the types of libs/contracts' zod schemas (the
 * ones the API's OpenAPI document is generated from), never declared again here. `Json<T>` is what JSON makes of a type (dates as strings).
 */
import type { AdminTaskView, WorkflowDetailView, WorkflowListView } from '@jiebang/contracts/http/admin';
import type { AuditPage, AuditVerificationView } from '@jiebang/contracts/http/audit';
import type { SignedInUser, SignInResponse } from '@jiebang/contracts/http/auth';
import type { CaseDetailView, CaseView } from '@jiebang/contracts/http/cases';
import type { CycleDetail as CycleDetailView, CycleImportResult, CycleSummary } from '@jiebang/contracts/http/cycles';
import type { ApiErrorCode, ErrorBody } from '@jiebang/contracts/http/errors';
import type { MonthRankingView, UnitScoreView } from '@jiebang/contracts/http/months';
import type { SupervisionItemDetailView, SupervisionItemView } from '@jiebang/contracts/http/supervision';
import type { MyTasksView } from '@jiebang/contracts/http/tasks';
import type { IndicatorView, UnitView } from '@jiebang/contracts/http/units';
import type { TargetWorkbookPreview, WorkbookProblem as WorkbookProblemView } from '@jiebang/contracts/http/workbooks';

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
