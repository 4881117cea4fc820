import { Alert, Result, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, seg } from '../api/client';
import { useDateTime } from '../components/format';
import type { LinkRound } from '../api/queries';
import { RatingForm } from '../components/rating-form';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

/**
 * A panel member's personal link (the QR code on the 巡察组's sheet), on a phone and signed out:
 * the units to rate, saved as entered, submitted once; after that the link refuses with its reason.
 */
export function RatingLinkPage() {
  const { cycleId, month, token } = useParams();
  const { t } = useI18n();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const path = `/cycles/${seg(cycleId ?? '')}/rating-rounds/${seg(month ?? '')}/link/${seg(token ?? '')}`;
  const round = useQuery<LinkRound>({ queryKey: [path], queryFn: () => api.get<LinkRound>(path), retry: false });
  const [submitted, setSubmitted] = useState(false);
  return (
    <main style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={4}>{t('ratingLinkTitle')}</Typography.Title>
      {round.isPending && <Spin />}
      {!submitted && <RefusalAlert error={round.error} />}
      {submitted && (
        <div data-testid="rating-link-done">
          <Result status="success" title={t('ratingSubmitted')} />
        </div>
      )}
      {round.data && !submitted && (
        <>
          <Typography.Paragraph>
            {round.data.cycleName} · {t('monthN', { n: round.data.month })} · {round.data.panel} · {round.data.member}
          </Typography.Paragraph>
          <Alert
            type={round.data.status === 'open' ? 'info' : 'success'}
            showIcon
            message={
              round.data.status === 'open'
                ? `${t('ratingClosesAt')}: ${dateTime(round.data.closesAt)}`
                : t('ratingClosed')
            }
            style={{ marginBottom: 12 }}
          />
          <RatingForm
            mine={round.data.mine}
            open={round.data.status === 'open'}
            submittedAt={round.data.submittedAt}
            save={(input) => api.put(`${path}/ratings`, input)}
            submit={() =>
              api.post(`${path}/submission`).then(() => {
                // The link is used up: it is not read again (it would answer 409).
                setSubmitted(true);
                queryClient.cancelQueries({ queryKey: [path] }).catch(() => undefined);
              })
            }
          />
        </>
      )}
    </main>
  );
}
