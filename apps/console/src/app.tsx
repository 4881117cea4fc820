import { ProLayout } from '@ant-design/pro-components';
import { Button, ConfigProvider, Dropdown, Grid, Result, Space, Spin, Typography } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Role } from './api/types';
import { CycleProvider, CycleSelect } from './components/cycle';
import { MessageBell } from './components/message-bell';
import { useI18n } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { SignInPage } from './pages/sign-in-page';
import { useMyTasks } from './api/queries';
import { stepLink } from './pages/step-link';
import { useSession } from './session/session';
import { LanguageShape, SignOutShape } from './components/header-icons';

const page = <T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await load())[name] as React.ComponentType }));

const TasksPage = page(() => import('./pages/tasks-page'), 'TasksPage');
const ReviewPage = page(() => import('./pages/review-page'), 'ReviewPage');
const UnitYearPage = page(() => import('./pages/unit-year-page'), 'UnitYearPage');
const PledgePage = page(() => import('./pages/pledge-page'), 'PledgePage');
const ReportPage = page(() => import('./pages/report-page'), 'ReportPage');
const RankingsPage = page(() => import('./pages/rankings-page'), 'RankingsPage');
const BoardPage = page(() => import('./pages/board-page'), 'BoardPage');
const YearPage = page(() => import('./pages/year-page'), 'YearPage');
const PublicBoardPage = page(() => import('./pages/public-board-page'), 'PublicBoardPage');
const MonthsPage = page(() => import('./pages/months-page'), 'MonthsPage');
const CasesPage = page(() => import('./pages/cases-page'), 'CasesPage');
const CasePage = page(() => import('./pages/cases-page'), 'CasePage');
const SupervisionPage = page(() => import('./pages/supervision-page'), 'SupervisionPage');
const SupervisionItemPage = page(() => import('./pages/supervision-page'), 'SupervisionItemPage');
const ProjectsPage = page(() => import('./pages/projects-page'), 'ProjectsPage');
const WeeklyDispatchPage = page(() => import('./pages/weekly-dispatch-page'), 'WeeklyDispatchPage');
const WorkflowsPage = page(() => import('./pages/workflows-page'), 'WorkflowsPage');
const WorkflowPage = page(() => import('./pages/workflows-page'), 'WorkflowPage');
const AuditPage = page(() => import('./pages/audit-page'), 'AuditPage');
const MyAccountPage = page(() => import('./pages/my-account-page'), 'MyAccountPage');
const AccountsPage = page(() => import('./pages/accounts-page'), 'AccountsPage');
const AccountsImportPage = page(() => import('./pages/accounts-import-page'), 'AccountsImportPage');
const PasswordChangePage = page(() => import('./pages/password-change-page'), 'PasswordChangePage');
const AnnualResultsPage = page(() => import('./pages/annual-results-page'), 'AnnualResultsPage');
const MessagesPage = page(() => import('./pages/messages-page'), 'MessagesPage');
const OpenLinkPage = page(() => import('./pages/open-link-page'), 'OpenLinkPage');
const ChannelsPage = page(() => import('./pages/channels-page'), 'ChannelsPage');
const ChannelFormPage = page(() => import('./pages/channels-page'), 'ChannelFormPage');
const DeliveriesPage = page(() => import('./pages/deliveries-page'), 'DeliveriesPage');
const RatingPage = page(() => import('./pages/rating-page'), 'RatingPage');
const RatingLinkPage = page(() => import('./pages/rating-link-page'), 'RatingLinkPage');
const TargetWorkbookPage = page(() => import('./pages/target-workbook-page'), 'TargetWorkbookPage');

interface MenuEntry {
  path: string;
  label: MessageKey;
  roles?: Role[];
}

const UNIT_ROLES: Role[] = ['UNIT_HEAD', 'UNIT_REPORTER'];

function menuOf(unitId: string | null | undefined): MenuEntry[] {
  return [
    { path: '/tasks', label: 'myTasks' },
    ...(unitId
      ? [{ path: `/units/${encodeURIComponent(unitId)}`, label: 'unitYear' as const, roles: UNIT_ROLES }]
      : []),
    { path: '/review', label: 'reviewQueue', roles: ['ASSESSOR'] },
    { path: '/months', label: 'months', roles: ['ASSESSOR', 'LEADERSHIP', 'ORG_DEPT', 'DISCIPLINE'] },
    { path: '/rankings', label: 'rankings' },
    { path: '/board', label: 'board.title' },
    { path: '/year', label: 'year.title', roles: ['ASSESSOR', 'LEADERSHIP'] },
    { path: '/annual-results', label: 'annualResults', roles: ['ASSESSOR', 'LEADERSHIP', 'ORG_DEPT', ...UNIT_ROLES] },
    { path: '/cases', label: 'cases', roles: ['ASSESSOR', 'ORG_DEPT', 'DISCIPLINE', 'LEADERSHIP', ...UNIT_ROLES] },
    { path: '/supervision', label: 'supervision', roles: ['ASSESSOR', 'LEADERSHIP', ...UNIT_ROLES] },
    { path: '/projects', label: 'projects.map' },
    { path: '/projects/weekly', label: 'weekly.title', roles: ['ASSESSOR', 'ORG_DEPT', 'LEADERSHIP', ...UNIT_ROLES] },
    { path: '/workflows', label: 'workflows', roles: ['ADMIN'] },
    { path: '/trail', label: 'auditTrail', roles: ['ADMIN'] },
    { path: '/accounts', label: 'accountManagement', roles: ['ADMIN'] },
    { path: '/cycles/import', label: 'importTargetWorkbook', roles: ['ADMIN', 'ASSESSOR'] },
    { path: '/me', label: 'myAccount' },
    { path: '/messages', label: 'messages.title' },
    { path: '/admin/channels', label: 'channelsMenu', roles: ['ADMIN'] },
    { path: '/admin/deliveries', label: 'deliveriesMenu', roles: ['ADMIN'] },
  ];
}

/** antd in the person's language, with colours that meet WCAG AA contrast. */
export function Theme({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{
        // Darker than antd's defaults where they fall short of WCAG AA contrast (4.5:1) on white.
        token: {
          colorPrimary: '#b71c1c',
          colorLink: '#0958d9',
          colorError: '#cf1322',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}

export function App() {
  return <Shell />;
}

function Shell() {
  const { user, resuming, passwordChange } = useSession();
  const location = useLocation();
  const wallScreen = location.pathname === '/board' && new URLSearchParams(location.search).get('wall') === '1';
  const waiting = (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin />
    </div>
  );
  // A public board link needs nobody signed in.
  // A panel member's personal rating link (the QR sheet) needs nobody signed in either.
  if (location.pathname.startsWith('/rate/'))
    return (
      <Suspense fallback={waiting}>
        <Routes>
          <Route path="/rate/:cycleId/:month/:token" element={<RatingLinkPage />} />
        </Routes>
      </Suspense>
    );
  if (location.pathname.startsWith('/public/board/'))
    return (
      <Suspense fallback={waiting}>
        <Routes>
          <Route path="/public/board/:token" element={<PublicBoardPage />} />
        </Routes>
      </Suspense>
    );
  if (resuming) return waiting;
  if (!user && passwordChange)
    return (
      <Suspense fallback={waiting}>
        <PasswordChangePage />
      </Suspense>
    );
  if (!user) return <SignInPage />;
  // 评议员 (RATER and nothing else): their rating tasks and the rating page, nothing more.
  if (user.roles.every((role) => role === 'RATER'))
    return (
      <RaterShell>
        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
          <Routes>
            <Route path="/rating-rounds/:month" element={<RatingPage />} />
            <Route path="*" element={<RaterTasks />} />
          </Routes>
        </Suspense>
      </RaterShell>
    );
  return wallScreen ? (
    // The board on a wall screen: no menus, nothing but the board.
    <CycleProvider>
      <Suspense fallback={waiting}>
        <BoardPage />
      </Suspense>
    </CycleProvider>
  ) : (
    <CycleProvider>
      <Signed>
        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
          <Routes>
            <Route path="/" element={<Navigate to="/tasks" replace />} />
            <Route path="/login" element={<Navigate to="/tasks" replace />} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/escalations" element={<TasksPage />} />
            <Route path="/review" element={<ReviewPage />} />
            <Route path="/units/:unitId" element={<UnitYearPage />} />
            <Route path="/units/:unitId/pledge" element={<PledgePage />} />
            <Route path="/units/:unitId/reports/:month" element={<ReportPage />} />
            <Route path="/rankings" element={<RankingsPage />} />
            <Route path="/board" element={<BoardPage />} />
            <Route path="/year" element={<YearPage />} />
            <Route path="/rating-rounds/:month" element={<RatingPage />} />
            <Route path="/months" element={<MonthsPage />} />
            <Route path="/cases" element={<CasesPage />} />
            <Route path="/cases/:caseId" element={<CasePage />} />
            <Route path="/supervision" element={<SupervisionPage />} />
            <Route path="/projects" element={<ProjectsPage />} />
            <Route path="/projects/weekly" element={<WeeklyDispatchPage />} />
            <Route path="/supervision/:itemId" element={<SupervisionItemPage />} />
            <Route path="/workflows" element={<WorkflowsPage />} />
            <Route path="/workflows/:workflowId" element={<WorkflowPage />} />
            <Route path="/trail" element={<AuditPage />} />
            <Route path="/me" element={<MyAccountPage />} />
            <Route path="/accounts" element={<AccountsPage />} />
            <Route path="/accounts/import" element={<AccountsImportPage />} />
            <Route path="/cycles/import" element={<TargetWorkbookPage />} />
            <Route path="/annual-results" element={<AnnualResultsPage />} />
            <Route path="/messages" element={<MessagesPage />} />
            <Route path="/cycles/*" element={<OpenLinkPage />} />
            <Route path="/supervision-items/:itemId" element={<OpenLinkPage />} />
            <Route path="/admin/channels" element={<ChannelsPage />} />
            <Route path="/admin/channels/new" element={<ChannelFormPage />} />
            <Route path="/admin/channels/:channelId" element={<ChannelFormPage />} />
            <Route path="/admin/deliveries" element={<DeliveriesPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Signed>
    </CycleProvider>
  );
}

function Signed({ children }: { children: ReactNode }) {
  const { t, language, setLanguage, tc } = useI18n();
  const { user, signOut } = useSession();
  const location = useLocation();
  const wide = Grid.useBreakpoint().md === true;
  const menu = menuOf(user?.unitId).filter(
    (entry) => !entry.roles || entry.roles.some((role) => user?.roles.includes(role)),
  );
  return (
    <ProLayout
      title={t('appName')}
      logo={false}
      layout="mix"
      fixedHeader
      // The sider in the page's flow spans the whole page, however long (a fixed one ended at the first screen).
      fixSiderbar={false}
      // ...and reaches the bottom of a short page too.
      style={{ minHeight: '100vh' }}
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menu.map((entry) => ({ path: entry.path, name: t(entry.label) })) }}
      menuItemRender={(item, dom) => <Link to={item.path ?? '/'}>{dom}</Link>}
      // The year stays in the header at every width: in a phone's menu drawer nobody found it.
      actionsRender={() => [
        <div key="cycle" className="jiebang-cycle-select">
          <CycleSelect />
        </div>,
        <MessageBell key="messages" />,
        // On a phone the language and signing out are icons, named in full for screen readers and on hover:
        // their words beside the year picker filled the header to within a few pixels of the screen's edge.
        <Button
          key="language"
          size="small"
          aria-label={wide ? undefined : t('language')}
          title={wide ? undefined : t('language')}
          icon={wide ? undefined : <LanguageShape />}
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
        >
          {wide ? t('language') : null}
        </Button>,
        <Button
          key="sign-out"
          size="small"
          type="link"
          aria-label={wide ? undefined : t('signOut')}
          title={wide ? undefined : t('signOut')}
          icon={wide ? undefined : <SignOutShape />}
          onClick={() => void signOut()}
        >
          {wide ? t('signOut') : null}
        </Button>,
      ]}
      avatarProps={{
        // On a phone the header keeps the language and signing out; the name goes.
        style: wide ? undefined : { display: 'none' },
        title: (
          <Space size={4} className="jiebang-user-name">
            <Typography.Text data-testid="signed-in-user">{user?.displayName}</Typography.Text>
            <Typography.Text type="secondary">{user?.roles.map((role) => tc(role)).join('、')}</Typography.Text>
          </Space>
        ),
        size: 'small',
        // On a phone the name is hidden, and my account is in the menu drawer.
        render: (_, dom) => (wide ? <UserMenu>{dom}</UserMenu> : dom),
      }}
    >
      {children}
    </ProLayout>
  );
}

/** The header's name opens the person's menu: their account, signing out. */
function UserMenu({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const items = [
    { key: 'me', label: t('myAccount'), onClick: () => void navigate('/me') },
    { key: 'sign-out', label: t('signOut'), onClick: () => void signOut() },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button type="text" size="small" data-testid="user-menu">
        {children}
      </Button>
    </Dropdown>
  );
}

/** A RATER's frame: their name, the language, signing out; no menu, no year picker (they read no cycle). */
function RaterShell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { user, signOut } = useSession();
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Link to="/tasks">{t('myTasks')}</Link>
        <Space>
          <Typography.Text data-testid="signed-in-user">{user?.displayName}</Typography.Text>
          <Button size="small" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </Button>
          <Button size="small" type="link" onClick={() => void signOut()}>
            {t('signOut')}
          </Button>
        </Space>
      </Space>
      {children}
    </div>
  );
}

/** A RATER's 我的待办: the rounds they still rate in, each a link to its rating page. */
function RaterTasks() {
  const { t, tc } = useI18n();
  const tasks = useMyTasks();
  return (
    <section data-testid="rater-tasks">
      <Typography.Title level={4}>{t('myTasks')}</Typography.Title>
      {tasks.isPending && <Spin />}
      {tasks.data && tasks.data.tasks.length === 0 && (
        <Typography.Text type="secondary">{t('noTasks')}</Typography.Text>
      )}
      <Space direction="vertical">
        {(tasks.data?.tasks ?? []).map((task) => (
          <Link key={task.workflowId} to={stepLink(task)}>
            {tc(task.step)} · {t('monthN', { n: task.month ?? '' })}
          </Link>
        ))}
      </Space>
    </section>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} extra={<Link to="/tasks">{t('myTasks')}</Link>} />;
}
