import { ProCard } from '@ant-design/pro-components';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { usePublicBoard, type PublicBoard } from '../api/queries';
import { LightMark, round2 } from '../components/format';
import { useI18n } from '../i18n/i18n';

type PublicUnit = PublicBoard['categories'][number]['units'][number];

/** A published month's board through its public link: nobody signs in, unit names and figures only. */
export function PublicBoardPage() {
  const { t } = useI18n();
  const { token } = useParams();
  const board = usePublicBoard(token);
  return (
    <div className="jiebang-board-wall" data-testid="public-board">
      {board.isError ? (
        <ProCard>
          <Empty description={t('board.linkGone')} />
        </ProCard>
      ) : !board.data ? null : (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Typography.Title level={1}>
            {board.data.cycleName} · {t('board.title')} · {t('monthN', { n: board.data.month })}
          </Typography.Title>
          {board.data.categories.map((category) => (
            <ProCard key={category.name} title={category.name} size="small">
              <Table<PublicUnit>
                size="large"
                rowKey="name"
                pagination={false}
                scroll={{ x: 700 }}
                dataSource={category.units}
                rowClassName={(row) => (row.lagging || row.vetoed ? 'jiebang-board-flagged' : '')}
                columns={[
                  { title: t('rank'), dataIndex: 'rank', width: 56 },
                  { title: t('unit'), dataIndex: 'name', width: 120 },
                  {
                    title: `${t('lights')} / ${t('board.planPercent')}`,
                    key: 'lights',
                    render: (_, row) => (
                      <span className="jiebang-lights" data-unit-name={row.name}>
                        {row.indicators.map((indicator) =>
                          indicator.light ? (
                            <span key={indicator.name} title={indicator.name} className="jiebang-board-light">
                              <LightMark light={indicator.light} />{' '}
                              {indicator.planPercent === null ? '—' : `${Math.round(indicator.planPercent)}%`}
                            </span>
                          ) : null,
                        )}
                      </span>
                    ),
                  },
                  { title: t('score'), dataIndex: 'score', width: 80, render: (score: number) => round2(score) },
                  {
                    title: t('lagging'),
                    key: 'lagging',
                    width: 100,
                    render: (_, row) => (
                      <>
                        {row.lagging && <Tag color="red">{t('lagging')}</Tag>}
                        {row.vetoed && <Tag color="magenta">{t('veto')}</Tag>}
                      </>
                    ),
                  },
                ]}
              />
            </ProCard>
          ))}
        </Space>
      )}
    </div>
  );
}
