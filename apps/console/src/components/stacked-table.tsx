import { Descriptions, Empty, Grid, Pagination, Spin, Table, type TablePaginationConfig, type TableProps } from 'antd';
import { useState, type ReactNode } from 'react';

/** A column of a StackedTable: a title and what a row shows under it (its `dataIndex` field, or `render`). */
export interface StackedColumn<Row> {
  title: ReactNode;
  key?: string;
  dataIndex?: keyof Row & string;
  render?: (value: unknown, row: Row, index: number) => ReactNode;
}

interface StackedTableProps<Row> {
  rows: Row[];
  rowKey: keyof Row & string;
  columns: Array<StackedColumn<Row>>;
  /** The table's `scroll` at desktop width. */
  scroll?: TableProps<Row>['scroll'];
  loading?: boolean;
  /**
   * Pages for lists that grow (cases, supervision items, accounts): `true` for antd's default pagination (ten a
   * page) at desktop width, or its configuration; on a phone, pages of the same size.
   */
  paged?: boolean | TablePaginationConfig;
  /** The table's size at desktop width. */
  size?: TableProps<Row>['size'];
}

const PAGE_SIZE = 10;

/**
 * A table at tablet width and up; on a phone (below antd's `md`, 768 px), a stack of rows instead,
 * each row's first column as its heading and every other column as a label and its value under
 * it, so nothing sits off-screen behind a sideways scroll. The cells are the same elements either
 * way (a form's inputs keep their names and ids).
 */
export function StackedTable<Row extends object>({
  rows,
  rowKey,
  columns,
  scroll,
  loading,
  paged,
  size = 'small',
}: StackedTableProps<Row>) {
  const wide = Grid.useBreakpoint().md !== false;
  const [page, setPage] = useState(1);
  const cell = (column: StackedColumn<Row>, row: Row, index: number): ReactNode => {
    const value = column.dataIndex ? row[column.dataIndex] : undefined;
    return column.render ? column.render(value, row, index) : (value as ReactNode);
  };
  if (wide)
    return (
      <Table<Row>
        size={size}
        rowKey={rowKey}
        // antd's default pagination (ten a page) when paged, as these lists had before.
        {...(paged === true ? {} : { pagination: paged ?? false })}
        scroll={scroll}
        loading={loading}
        dataSource={rows}
        columns={columns.map((column) => ({ ...column, key: column.key ?? column.dataIndex }))}
      />
    );
  const [heading, ...others] = columns;
  // A column without a title (a row's flags) stands beside the heading rather than after an empty label.
  const untitled = others.filter((column) => column.title === '' || column.title == null);
  const rest = others.filter((column) => !untitled.includes(column));
  const pageSize = (typeof paged === 'object' ? paged.pageSize : undefined) ?? PAGE_SIZE;
  // The page shown: the one chosen, or the last one when the rows shrank beneath it.
  const current = Math.min(page, Math.max(1, Math.ceil(rows.length / pageSize)));
  const first = (current - 1) * pageSize;
  const shown = paged ? rows.slice(first, first + pageSize) : rows;
  return (
    <Spin spinning={loading === true}>
      <div className="jiebang-stacked" data-layout="stacked">
        {rows.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {shown.map((row, index) => (
          <section key={String(row[rowKey])} className="jiebang-stacked-row">
            {heading && (
              <div className="jiebang-stacked-heading">
                {cell(heading, row, index)}
                {untitled.map((column, at) => (
                  <span key={column.key ?? column.dataIndex ?? at} className="jiebang-stacked-beside">
                    {cell(column, row, index)}
                  </span>
                ))}
              </div>
            )}
            <Descriptions
              size="small"
              column={1}
              items={rest.map((column, at) => ({
                key: column.key ?? column.dataIndex ?? String(at),
                label: column.title,
                children: cell(column, row, index),
              }))}
            />
          </section>
        ))}
        {typeof paged === 'object' && paged.showTotal && rows.length > 0 && (
          // The count the desktop's pagination shows (共 7 个账号).
          <div className="jiebang-stacked-total">
            {paged.showTotal(rows.length, [first + 1, Math.min(first + pageSize, rows.length)])}
          </div>
        )}
        {paged && rows.length > pageSize && (
          <Pagination
            simple
            size="small"
            align="end"
            style={{ marginTop: 8 }}
            current={current}
            pageSize={pageSize}
            total={rows.length}
            onChange={setPage}
          />
        )}
      </div>
    </Spin>
  );
}
