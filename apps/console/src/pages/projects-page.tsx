import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Checkbox, Empty, Form, Input, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { reportProgressBody } from '@jiebang/contracts/http/projects';
import { api, checked, seg } from '../api/client';
import { cycleKeys, taskKeys, useProjectMap, useStep } from '../api/queries';
import type { ProjectOnMap } from '../api/types';
import { useCycle } from '../components/cycle';
import { DownloadButton } from '../components/download-button';
import { useRefusalBesideFields } from '../components/field-problems';
import { UnitSelect, useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useSession } from '../session/session';

const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);
const STANDING_COLOR = { done: 'green', due: 'blue', overdue: 'red' } as const;

/** 挂图作战: the key projects' milestones on a time line of the year (done, due, overdue), filterable. */
export function ProjectsPage() {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const names = useNames();
  const [filter, setFilter] = useState<{ unit?: string; leader?: string; category?: string }>({});
  const query = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  const all = useProjectMap(cycle?.id);
  const shown = useProjectMap(cycle?.id, query);
  const projects = all.data?.projects ?? [];
  const leaders = [...new Map(projects.map((project) => [project.leader, project.leaderName])).entries()];
  const categories = [...new Set(projects.map((project) => project.category))];
  return (
    <PageContainer
      title={t('projects.map')}
      extra={
        <DownloadButton
          path={cycle ? `/cycles/${seg(cycle.id)}/ledgers/projects${query ? `?${query}` : ''}` : null}
          fileName={`${cycle?.id ?? ''}-重点项目台账.xlsx`}
        />
      }
    >
      <RefusalAlert error={shown.error} />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <UnitSelect allowClear value={filter.unit} onChange={(unit) => setFilter((f) => ({ ...f, unit }))} />
          <Select
            allowClear
            aria-label={t('projects.leader')}
            placeholder={t('projects.leader')}
            style={{ minWidth: 140 }}
            value={filter.leader}
            onChange={(leader?: string) => setFilter((f) => ({ ...f, leader }))}
            options={leaders.map(([id, name]) => ({ value: id, label: name }))}
          />
          <Select
            allowClear
            aria-label={t('category')}
            placeholder={t('category')}
            style={{ minWidth: 140 }}
            value={filter.category}
            onChange={(category?: string) => setFilter((f) => ({ ...f, category }))}
            options={categories.map((id) => ({ value: id, label: names.category(id) }))}
          />
        </Space>
        {shown.data && shown.data.projects.length === 0 && <Empty description={t('projects.none')} />}
        {(shown.data?.projects ?? []).map((project) => (
          <ProjectCard key={project.id} project={project} closedMonths={shown.data!.closedMonths} />
        ))}
      </Space>
    </PageContainer>
  );
}

function ProjectCard({ project, closedMonths }: { project: ProjectOnMap; closedMonths: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const names = useNames();
  const ownUnit = user?.unitId === project.unit;
  return (
    <section aria-label={project.name}>
      <ProCard
        size="small"
        title={project.name}
        extra={
          <Space>
            {project.stalled && <Tag color="orange">{t('projects.stalled')}</Tag>}
            {project.slipped.length > 0 && <Tag color="red">{t('projects.slipped')}</Tag>}
          </Space>
        }
      >
        <Typography.Text type="secondary">
          {names.unit(project.unit)} · {t('projects.leader')} {project.leaderName} · {t('projects.investmentToDate')}{' '}
          {project.investmentToDate} / {project.yearInvestment}
        </Typography.Text>
        {/* Twelve months in a row; on a phone two rows of six (console.css), so December is on screen too. */}
        <div className="jiebang-timeline">
          {MONTHS.map((month) => (
            <div
              key={month}
              style={{
                borderTop: `3px solid ${month <= closedMonths ? '#8c8c8c' : '#d9d9d9'}`,
                minHeight: 48,
                paddingTop: 2,
              }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {month}
              </Typography.Text>
              {project.milestones
                .filter((milestone) => milestone.month === month)
                .map((milestone) => (
                  <Tooltip
                    key={milestone.kind}
                    title={`${milestone.due} · ${t(`projects.standing.${milestone.standing}`)}`}
                  >
                    <Tag
                      color={STANDING_COLOR[milestone.standing]}
                      data-standing={milestone.standing}
                      style={{ display: 'block', marginTop: 2 }}
                    >
                      {t(`projects.milestone.${milestone.kind}` as MessageKey)}
                    </Tag>
                  </Tooltip>
                ))}
            </div>
          ))}
        </div>
        {ownUnit && <ProgressForm project={project} />}
      </ProCard>
    </section>
  );
}

/** The owner unit's monthly progress of the project: investment to date, milestones reached, evidence. */
interface ProgressFields {
  month?: number | null;
  investment?: number | null;
  milestones?: string[];
  reason?: string;
  evidence?: string;
}

/** The unit reports a month of its key project's progress; each problem of a refusal shows beside its field. */
function ProgressForm({ project }: { project: ProjectOnMap }) {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const open = project.milestones.filter((milestone) => milestone.reachedMonth === null);
  const [form] = Form.useForm<ProgressFields>();
  const besideFields = useRefusalBesideFields();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const send = useStep(
    (fields: ProgressFields) =>
      api.post(
        `/cycles/${seg(cycle!.id)}/projects/${seg(project.id)}/progress`,
        checked(reportProgressBody, {
          month: fields.month,
          investment: fields.investment,
          milestones: fields.milestones ?? [],
          reason: fields.reason || undefined,
          evidence: fields.evidence || undefined,
        }),
      ),
    // The map shows the month's progress, and the board and the unit's year read it too.
    [cycleKeys.of(cycle!.id), taskKeys.all],
  );
  const finish = (fields: ProgressFields) => {
    setLeftOver(null);
    send.mutate(fields, {
      onError: (error) => {
        const placed = besideFields(form, error, {
          fields: ['month', 'investment', 'milestones', 'reason', 'evidence'],
          fieldOfCode: { PROGRESS_ALREADY_REPORTED: 'month', MILESTONE_ALREADY_REACHED: 'milestones' },
        });
        if (!placed) setLeftOver(error);
      },
    });
  };
  return (
    <ProCard title={t('projects.reportProgress')} size="small" collapsible defaultCollapsed>
      <Form<ProgressFields>
        form={form}
        name={`progress-${project.id}`}
        onFinish={finish}
        initialValues={{ milestones: [] }}
      >
        <Space wrap align="start">
          <Form.Item name="month">
            <InputNumber aria-label={t('month')} placeholder={t('month')} min={1} max={12} />
          </Form.Item>
          <Form.Item name="investment">
            <InputNumber
              aria-label={t('projects.investmentToDate')}
              placeholder={t('projects.investmentToDate')}
              min={0}
              style={{ minWidth: 180 }}
            />
          </Form.Item>
        </Space>
        <Form.Item name="milestones">
          <Checkbox.Group
            aria-label={t('projects.milestonesReached')}
            options={open.map((milestone) => ({
              value: milestone.kind,
              label: t(`projects.milestone.${milestone.kind}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="reason">
          <Input aria-label={t('projects.lowerReason')} placeholder={t('projects.lowerReason')} />
        </Form.Item>
        <Form.Item name="evidence">
          <Input.TextArea aria-label={t('evidence')} placeholder={t('evidence')} />
        </Form.Item>
        <RefusalAlert error={leftOver} />
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('submit')}
        </Button>
      </Form>
    </ProCard>
  );
}
