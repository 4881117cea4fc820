import type { MyRating } from '../api/queries';
import { ProCard } from '@ant-design/pro-components';
import { Alert, Button, InputNumber, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { RefusalAlert } from './refusal-alert';

/**
 * 评议打分 for a phone: every unit on one screen, a 0–100 input each, saved as soon as a score is
 * entered (a draft that counts, changeable until submitted); one 提交 at the end makes them final.
 */
export function RatingForm({
  mine,
  open,
  submittedAt,
  save,
  submit,
}: {
  mine: MyRating[];
  open: boolean;
  submittedAt: string | null;
  save(input: { indicatorId: string; score: number }): Promise<unknown>;
  submit(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const editable = open && submittedAt === null;
  // Two indicators of one unit (满意度 and 政风评议) are told apart by the indicator's name.
  const twice = new Set(mine.map((item) => item.unitId).filter((unit, i, all) => all.indexOf(unit) !== i));
  const labelOf = (item: MyRating) =>
    twice.has(item.unitId) ? `${item.unitName} · ${item.indicatorName}` : item.unitName;
  return (
    <ProCard title={t('ratingMine')} data-testid="rating-mine">
      <RefusalAlert error={error} />
      {submittedAt !== null && (
        <Alert
          type="success"
          showIcon
          message={t('ratingSubmitted')}
          style={{ marginBottom: 12 }}
          data-testid="rating-submitted"
        />
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        {mine.map((item) => (
          <div
            key={item.indicatorId}
            style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}
          >
            <Typography.Text>{labelOf(item)}</Typography.Text>
            <Space>
              {saved[item.indicatorId] && <Tag color="green">{t('ratingSaved')}</Tag>}
              <InputNumber
                aria-label={labelOf(item)}
                min={0}
                max={100}
                inputMode="decimal"
                disabled={!editable}
                defaultValue={item.score ?? undefined}
                onBlur={(event) => {
                  const score = Number(event.target.value);
                  if (event.target.value === '' || !Number.isFinite(score)) return;
                  setError(null);
                  save({ indicatorId: item.indicatorId, score }).then(
                    () => setSaved((was) => ({ ...was, [item.indicatorId]: true })),
                    setError,
                  );
                }}
              />
            </Space>
          </div>
        ))}
        {editable && (
          <Popconfirm
            title={t('ratingSubmitConfirm')}
            okText={t('ratingSubmit')}
            onConfirm={() => {
              setSubmitting(true);
              setError(null);
              submit().then(
                () => setSubmitting(false),
                (refused: unknown) => {
                  setSubmitting(false);
                  setError(refused);
                },
              );
            }}
          >
            <Button type="primary" block loading={submitting} data-testid="rating-submit">
              {t('ratingSubmit')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </ProCard>
  );
}
