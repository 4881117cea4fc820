import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Badge, Empty, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMyTasks } from '../api/queries';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { EscalationsCard } from './escalations-card';
import { stepLink } from './step-link';

type Due = 'all' | 'overdue' | 'week' | 'undated';

/** 我的待办: every step the person may take, overdue first, counted per kind, filtered by kind, unit and due. */
export function TasksPage({ title = 'myTasks', initialStep }: { title?: MessageKey; initialStep?: string }) {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const names = useNames();
  const [step, setStep] = useState<string | undefined>(initialStep);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [due, setDue] = useState<Due>('all');
  const params = new URLSearchParams();
  if (cycle) params.set('cycleId', cycle.id);
  if (step) params.set('step', step);
  if (unitId) params.set('unitId', unitId);
  if (due !== 'all') params.set('due', due);
  const tasks = useMyTasks(`?${params}`);
  const counts = Object.entries(tasks.data?.counts ?? {});
  const units = [...new Set((tasks.data?.tasks ?? []).map((task) => task.unitId).filter(Boolean))] as string[];

  return (
    <PageContainer title={t(title)}>
      <ProCard direction="column" gutter={[0, 12]} ghost>
        <EscalationsCard />
        <ProCard title={t('counts')} size="small">
          <Space wrap>
            <Tag.CheckableTag checked={step === undefined} onChange={() => setStep(undefined)}>
              {t('all')}
            </Tag.CheckableTag>
            {counts.map(([kind, count]) => (
              <Tag.CheckableTag
                key={kind}
                checked={step === kind}
                onChange={() => setStep(step === kind ? undefined : kind)}
              >
                {tc(kind)} <Badge count={count} size="small" color="blue" />
              </Tag.CheckableTag>
            ))}
            {tasks.data && tasks.data.overdue > 0 && <Tag color="red">{`${t('overdue')} ${tasks.data.overdue}`}</Tag>}
          </Space>
          <Space wrap style={{ marginTop: 12 }}>
            <Segmented<Due>
              aria-label={t('filterDue')}
              value={due}
              onChange={setDue}
              options={[
                { value: 'all', label: t('all') },
                { value: 'overdue', label: t('overdue') },
                { value: 'week', label: t('dueWeek') },
                { value: 'undated', label: t('dueUndated') },
              ]}
            />
            <Select
              allowClear
              aria-label={t('unit')}
              placeholder={t('unit')}
              style={{ minWidth: 120 }}
              value={unitId}
              onChange={setUnitId}
              optionFilterProp="label"
              showSearch
              options={units.map((unit) => ({ value: unit, label: names.unit(unit) }))}
            />
          </Space>
        </ProCard>
        <ProCard size="small">
          <RefusalAlert error={tasks.error} />
          <List
            loading={tasks.isLoading}
            locale={{ emptyText: <Empty description={t('noTasks')} /> }}
            dataSource={tasks.data?.tasks ?? []}
            renderItem={(task) => (
              <List.Item data-step={task.step}>
                <List.Item.Meta
                  title={
                    <Link to={stepLink(task)}>
                      {tc(task.step)}
                      {task.unitId ? ` · ${names.unit(task.unitId)}` : ''}
                      {task.month ? ` · ${t('monthN', { n: task.month })}` : ''}
                    </Link>
                  }
                  description={
                    <Space wrap size={4}>
                      {task.overdue && <Tag color="red">{t('overdue')}</Tag>}
                      <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
                        {t('dueAt')}: {task.dueAt ? dateTime(task.dueAt) : t('noDeadline')}
                      </Typography.Text>
                      <Tag>{tc(task.role)}</Tag>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </ProCard>
      </ProCard>
    </PageContainer>
  );
}
