import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Descriptions, Empty, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { weeklyNoteBody } from '@jiebang/contracts/weekly-dispatch';
import { api, checked, seg } from '../api/client';
import {
  changes,
  cycleKeys,
  useProjectMap,
  useStep,
  useWeeklyDigest,
  useWeeklyNotes,
  useWeeklyPlan,
} from '../api/queries';
import type { ProjectOnMap, WeeklyDispatchPlan, WeeklyNote } from '../api/types';
import { useCycle } from '../components/cycle';
import { useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { StackedTable } from '../components/stacked-table';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/**
 * 每周调度: the unit's weekly note on each of its key projects (while the week is open), and the
 * assessors' digest per category (missing, slipping, stalled, problems), where a problem becomes a
 * supervision item in one step.
 */
export function WeeklyDispatchPage() {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const { user } = useSession();
  const plan = useWeeklyPlan(cycle?.id);
  const [week, setWeek] = useState<number | undefined>();
  useEffect(() => {
    if (week === undefined && plan.data && plan.data.weeks.length > 0)
      setWeek(plan.data.currentWeek ?? plan.data.weeks[plan.data.weeks.length - 1]!.week);
  }, [plan.data, week]);
  const roles = user?.roles ?? [];
  const readsDigest = roles.some((role) => role === 'ASSESSOR' || role === 'ORG_DEPT' || role === 'LEADERSHIP');
  const chosen = plan.data?.weeks.find((candidate) => candidate.week === week);
  return (
    <PageContainer title={readsDigest ? t('weekly.digest') : t('weekly.title')}>
      <RefusalAlert error={plan.error} />
      {plan.data && plan.data.weeks.length === 0 && <Empty description={t('weekly.none')} />}
      {plan.data && chosen && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              aria-label={t('weekly.week')}
              style={{ minWidth: 160 }}
              value={week}
              onChange={setWeek}
              options={plan.data.weeks.map((candidate) => ({
                value: candidate.week,
                label: t('weekly.weekN', { n: candidate.week }),
              }))}
            />
            <Typography.Text type="secondary">
              {t('weekly.closesAt')} {new Date(chosen.end).toLocaleString()}
            </Typography.Text>
          </Space>
          {readsDigest ? (
            <Digest cycleId={cycle!.id} week={chosen.week} assessor={roles.includes('ASSESSOR')} />
          ) : (
            <UnitNotes cycleId={cycle!.id} week={chosen.week} unitId={user?.unitId ?? null} plan={plan.data} />
          )}
        </Space>
      )}
    </PageContainer>
  );
}

/** The unit's projects in a dispatched category, each with its note of the week or the form to send it. */
function UnitNotes({
  cycleId,
  week,
  unitId,
  plan,
}: {
  cycleId: string;
  week: number;
  unitId: string | null;
  plan: WeeklyDispatchPlan;
}) {
  const { t } = useI18n();
  const map = useProjectMap(unitId ? cycleId : undefined, `unit=${encodeURIComponent(unitId ?? '')}`);
  const notes = useWeeklyNotes(cycleId, week);
  const projects = (map.data?.projects ?? []).filter((project) => plan.categories.includes(project.category));
  if (map.data && projects.length === 0) return <Empty description={t('weekly.notDispatched')} />;
  return (
    <>
      {projects.map((project) => (
        <section key={project.id} aria-label={project.name}>
          <ProCard size="small" title={project.name}>
            <NoteOrForm
              cycleId={cycleId}
              week={week}
              project={project}
              open={week === plan.currentWeek}
              note={notes.data?.find((candidate) => candidate.project === project.id)}
            />
          </ProCard>
        </section>
      ))}
    </>
  );
}

function NoteOrForm({
  cycleId,
  week,
  project,
  open,
  note,
}: {
  cycleId: string;
  week: number;
  project: ProjectOnMap;
  open: boolean;
  note: WeeklyNote | undefined;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<{ investment: number | null; milestoneNews: string; problems: string }>({
    investment: null,
    milestoneNews: '',
    problems: '',
  });
  const send = useStep(
    () =>
      api.post(
        `/cycles/${seg(cycleId)}/projects/${seg(project.id)}/weekly-notes`,
        checked(weeklyNoteBody, {
          week,
          investment: form.investment,
          milestoneNews: form.milestoneNews || undefined,
          problems: form.problems || undefined,
        }),
      ),
    [cycleKeys.weekly(cycleId)],
  );
  if (note) return <NoteDetails note={note} />;
  if (!open) return <Tag color="red">{t('weekly.missing')}</Tag>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <InputNumber
        aria-label={t('weekly.investment')}
        placeholder={t('weekly.investment')}
        min={0}
        style={{ minWidth: 180 }}
        value={form.investment}
        onChange={(investment) => setForm((f) => ({ ...f, investment }))}
      />
      <Input.TextArea
        aria-label={t('weekly.milestoneNews')}
        placeholder={t('weekly.milestoneNews')}
        value={form.milestoneNews}
        onChange={(event) => setForm((f) => ({ ...f, milestoneNews: event.target.value }))}
      />
      <Input.TextArea
        aria-label={t('weekly.problems')}
        placeholder={t('weekly.problems')}
        value={form.problems}
        onChange={(event) => setForm((f) => ({ ...f, problems: event.target.value }))}
      />
      <RefusalAlert error={send.error} />
      <Button type="primary" onClick={() => send.mutate(undefined)} loading={send.isPending}>
        {t('weekly.send')}
      </Button>
    </Space>
  );
}

function NoteDetails({ note }: { note: WeeklyNote }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} title={<Tag color="green">{t('weekly.sent')}</Tag>}>
      <Descriptions.Item label={t('weekly.investment')}>{note.investment}</Descriptions.Item>
      <Descriptions.Item label={t('weekly.milestoneNews')}>{note.milestoneNews ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('weekly.problems')}>{note.problems ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

/** The assessors' digest: per category, each project with its note or 未报送, slips, 专盯, problems. */
function Digest({ cycleId, week, assessor }: { cycleId: string; week: number; assessor: boolean }) {
  const { t } = useI18n();
  const names = useNames();
  const digest = useWeeklyDigest(cycleId, week);
  const supervise = useStep(
    (projectId: string) =>
      api.post(`/cycles/${seg(cycleId)}/projects/weekly/${week}/notes/${seg(projectId)}/supervision`, {}),
    [cycleKeys.weeklyDigest(cycleId, week), ...changes.supervision()],
  );
  return (
    <>
      <RefusalAlert error={digest.error ?? supervise.error} />
      {(digest.data?.categories ?? []).map((category) => (
        <section key={category.category} aria-label={category.name}>
          <ProCard
            size="small"
            title={category.name || names.category(category.category)}
            extra={
              <Space>
                <Tag color="red">
                  {t('weekly.missing')} {category.missing.length}
                </Tag>
                <Tag color="volcano">
                  {t('projects.slipped')} {category.slipping.length}
                </Tag>
                <Tag color="orange">
                  {t('projects.stalled')} {category.stalled.length}
                </Tag>
              </Space>
            }
          >
            {/* On a phone, one block per project: its week's investment, news and problems beside their labels. */}
            <StackedTable
              rowKey="project"
              rows={category.projects}
              columns={[
                { title: t('projects.map'), dataIndex: 'name' },
                { title: t('unit'), dataIndex: 'unitName' },
                { title: t('projects.leader'), dataIndex: 'leaderName' },
                {
                  title: t('weekly.investment'),
                  key: 'investment',
                  render: (_, row) => (row.note ? row.note.investment : <Tag color="red">{t('weekly.missing')}</Tag>),
                },
                {
                  title: t('weekly.milestoneNews'),
                  key: 'milestoneNews',
                  render: (_, row) => row.note?.milestoneNews ?? '',
                },
                {
                  title: t('weekly.problems'),
                  key: 'problems',
                  render: (_, row) =>
                    row.note?.problems ? (
                      <Space direction="vertical">
                        <span>{row.note.problems}</span>
                        {row.note.supervisionItemId ? (
                          <Tag color="blue">{t('weekly.supervised')}</Tag>
                        ) : (
                          assessor && (
                            <Button
                              size="small"
                              onClick={() => supervise.mutate(row.project)}
                              loading={supervise.isPending}
                            >
                              {t('weekly.supervise')}
                            </Button>
                          )
                        )}
                      </Space>
                    ) : (
                      ''
                    ),
                },
                {
                  title: '',
                  key: 'flags',
                  render: (_, row) => (
                    <Space>
                      {row.slipped.length > 0 && <Tag color="volcano">{t('projects.slipped')}</Tag>}
                      {row.stalled && <Tag color="orange">{t('projects.stalled')}</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
          </ProCard>
        </section>
      ))}
    </>
  );
}
