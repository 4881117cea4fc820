import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, seg } from '../api/client';
import { changes, useStep, useUnit } from '../api/queries';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { IndicatorTable } from '../components/indicator-table';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/** 军令状: the unit head signs with the whole target list in view. */
export function PledgePage() {
  const { unitId } = useParams();
  const { t } = useI18n();
  const dateTime = useDateTime();
  const { has } = useSession();
  const { cycle } = useCycle();
  const unit = useUnit(cycle?.id, unitId);
  const sign = useStep(
    () => api.post(`/cycles/${seg(cycle!.id)}/units/${seg(unitId!)}/pledge`),
    cycle && unitId ? changes.report(cycle.id, unitId) : [],
  );
  const pledge = unit.data?.workflow.pledge;

  return (
    <PageContainer title={`${t('pledge')} · ${unit.data?.name ?? unitId}`}>
      <RefusalAlert error={unit.error} />
      <ProCard>
        <Typography.Paragraph strong>{t('pledgeText')}</Typography.Paragraph>
        <IndicatorTable indicators={unit.data?.indicators ?? []} />
        <div style={{ marginTop: 16 }}>
          {pledge?.signed ? (
            <Alert
              type="success"
              showIcon
              message={`${t('pledgeSigned')}: ${unit.data?.pledge?.signedByName ?? pledge.signedBy} · ${dateTime(pledge.signedAt)}`}
            />
          ) : (
            <>
              <Typography.Paragraph>
                {t('dueAt')}: {dateTime(pledge?.deadline)}
              </Typography.Paragraph>
              <RefusalAlert error={sign.error} />
              {has('UNIT_HEAD') && (
                <Button type="primary" loading={sign.isPending} onClick={() => sign.mutate(undefined)}>
                  {t('signPledge')}
                </Button>
              )}
            </>
          )}
        </div>
      </ProCard>
    </PageContainer>
  );
}
