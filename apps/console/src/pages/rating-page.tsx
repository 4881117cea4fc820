import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { raterGroupKind } from '@jiebang/domain/ratings';
import { api, seg } from '../api/client';
import { cycleKeys, useRatingLinks, useRatingRound, useStep } from '../api/queries';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { useNames } from '../components/names';
import { RatingForm } from '../components/rating-form';
import { RefusalAlert } from '../components/refusal-alert';
import { WorkbookRoundTrip } from '../components/workbook-upload';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

interface ReminderPress {
  reminded: string[];
  notReached: string[];
}

/**
 * 评议打分 made for a phone: every unit the person rates on one screen (RatingForm), then the
 * round's progress per group; assessors also see who has not rated, remind them with one press,
 * print the panel members' QR links and take paper forms in as a workbook. The year comes from
 * `?cycle=` (a RATER has no year picker) or the picker, and so do the units' names. Groups show by
 * their words (交叉考核, 督查考评组, a panel's own name), never as the policy spells them.
 */
export function RatingPage() {
  const { month } = useParams();
  const [search] = useSearchParams();
  const { t } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const { has } = useSession();
  const cycleId = search.get('cycle') ?? cycle?.id;
  const path = cycleId && month ? `/cycles/${seg(cycleId)}/rating-rounds/${seg(month)}` : null;
  const round = useRatingRound(cycleId, month);
  // The round's own year names its units; what the person rates names them too (a RATER cannot read the year).
  const yearNames = useNames(cycleId);
  const mineNames = new Map((round.data?.mine ?? []).map((item) => [item.unitId, item.unitName]));
  const unitName = (unitId: string) => mineNames.get(unitId) ?? yearNames.unit(unitId);
  const groupLabel = (group: string) => {
    const kind = raterGroupKind(group);
    if (kind === null) return group;
    return kind.kind === 'panel' ? kind.panel : t(`ratingGroup.${kind.kind}`);
  };
  const assessor = has('ASSESSOR', 'ADMIN');
  const links = useRatingLinks(cycleId, month, assessor);
  const roundKeys = cycleId && month ? [cycleKeys.ratingRound(cycleId, month)] : [];
  const save = useStep(
    (input: { indicatorId: string; score: number }) => api.put(`${path!}/ratings`, input),
    roundKeys,
  );
  const submit = useStep(() => api.post(`${path!}/submission`), roundKeys);
  const [pressId, setPressId] = useState(() => crypto.randomUUID());
  const remind = useStep(() => api.post<ReminderPress>(`${path!}/reminders`, { pressId }), roundKeys);
  const revoke = useStep((linkId: string) => api.delete(`${path!}/links/${seg(linkId)}`), roundKeys);
  const [sheetError, setSheetError] = useState<unknown>(null);
  const open = round.data?.status === 'open';

  const printSheet = () => {
    setSheetError(null);
    api.downloadPost(`${path!}/links/sheet`, {}).then((blob) => {
      window.open(URL.createObjectURL(blob), '_blank');
      void links.refetch();
    }, setSheetError);
  };

  return (
    <PageContainer title={`${t('rating')} · ${t('monthN', { n: month ?? '' })}`}>
      <RefusalAlert error={round.error} />
      {round.data && (
        <Alert
          type={open ? 'info' : 'success'}
          showIcon
          message={open ? `${t('ratingClosesAt')}: ${dateTime(round.data.closesAt)}` : t('ratingClosed')}
          style={{ marginBottom: 12 }}
        />
      )}
      {round.data && round.data.mine.length > 0 && (
        <RatingForm
          mine={round.data.mine}
          open={open}
          submittedAt={round.data.submittedAt}
          save={(input) => save.mutateAsync(input)}
          submit={() => submit.mutateAsync(undefined)}
        />
      )}
      {round.data && (
        <ProCard title={t('ratingProgress')} style={{ marginTop: 12 }} data-testid="rating-progress">
          {assessor && open && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Button
                data-testid="rating-remind"
                loading={remind.isPending}
                onClick={() => remind.mutate(undefined, { onSuccess: () => setPressId(crypto.randomUUID()) })}
              >
                {t('ratingRemind')}
              </Button>
              <Button data-testid="rating-link-sheet" onClick={printSheet}>
                {t('ratingLinkSheet')}
              </Button>
              {remind.data && (
                <Typography.Text data-testid="rating-reminded">
                  {t('ratingReminded', { n: remind.data.reminded.length })}
                  {remind.data.notReached.length > 0
                    ? ` · ${t('ratingNotReached')}: ${remind.data.notReached.join(', ')}`
                    : ''}
                </Typography.Text>
              )}
            </Space>
          )}
          {assessor &&
            round.data.indicators.some((row) => row.groups.some(({ group }) => group.startsWith('panel:'))) && (
              <WorkbookRoundTrip<{ rated: Record<string, number> }>
                path={`${path!}/workbook`}
                fileName={`${month}月-评议表.xlsx`}
                downloadLabel="ratingPanelWorkbook"
                uploadLabel="ratingPanelUpload"
                canUpload={open}
                invalidates={roundKeys}
                done={({ rated }) => t('ratingPanelUploaded', { n: Object.values(rated).reduce((a, b) => a + b, 0) })}
              />
            )}
          <RefusalAlert error={remind.error ?? sheetError ?? revoke.error} />
          <Table
            size="small"
            rowKey="indicatorId"
            pagination={false}
            dataSource={round.data.indicators}
            columns={[
              {
                title: t('unit'),
                dataIndex: 'unitId',
                render: (unitId: string) => unitName(unitId),
              },
              {
                title: t('ratingGroups'),
                render: (_, row) => (
                  <Space direction="vertical" size={0}>
                    {row.groups.map((group) => (
                      <Typography.Text key={group.group}>
                        {groupLabel(group.group)}: {group.rated}
                        {group.expected === null ? '' : ` / ${group.expected}`}
                        {group.notYet && group.notYet.length > 0
                          ? ` · ${t('ratingNotYet')}: ${group.notYet
                              // A peer rates as its unit: who has not rated is a unit, by name.
                              .map((rater) => (raterGroupKind(group.group)?.kind === 'peers' ? unitName(rater) : rater))
                              .join(', ')}`
                          : ''}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('value'),
                dataIndex: 'value',
                render: (value: number | null, row) =>
                  value === null ? (
                    '—'
                  ) : (
                    <Space size={4}>
                      {value.toFixed(2)}
                      {row.deemedFailed && (
                        <Tag color="red" title={`${value.toFixed(2)} < ${row.failBelow}`}>
                          {t('ratingDeemedFailed')}（&lt; {row.failBelow}）
                        </Tag>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
        </ProCard>
      )}
      {assessor && links.data && links.data.links.length > 0 && (
        <ProCard title={t('ratingLinks')} style={{ marginTop: 12 }} data-testid="rating-links">
          <Table
            size="small"
            rowKey="linkId"
            pagination={false}
            dataSource={links.data.links}
            columns={[
              { title: t('ratingPanel'), dataIndex: 'panel' },
              { title: t('ratingMember'), dataIndex: 'member' },
              {
                title: '',
                render: (_, link) =>
                  link.revokedAt ? (
                    <Tag>{t('ratingLinkRevoked')}</Tag>
                  ) : link.submittedAt ? (
                    <Tag color="green">{t('ratingLinkUsed')}</Tag>
                  ) : (
                    <Button size="small" danger onClick={() => revoke.mutate(link.linkId)}>
                      {t('ratingLinkRevoke')}
                    </Button>
                  ),
              },
            ]}
          />
        </ProCard>
      )}
    </PageContainer>
  );
}
