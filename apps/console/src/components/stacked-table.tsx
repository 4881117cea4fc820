import { Descriptions, Grid, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';

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
}

/**
 * A table at tablet width and up; on a phone (below antd's `md`, 768 px), a stack of rows instead,
 * each row's first column as its heading and every other column as a label and its value under
 * it, so nothing sits off-screen behind a sideways scroll. The cells are the same elements either
 * way (a form's inputs keep their names and ids).
 */
export function StackedTable<Row extends object>({ rows, rowKey, columns, scroll }: StackedTableProps<Row>) {
  const wide = Grid.useBreakpoint().md !== false;
  const cell = (column: StackedColumn<Row>, row: Row, index: number): ReactNode => {
    const value = column.dataIndex ? row[column.dataIndex] : undefined;
    return column.render ? column.render(value, row, index) : (value as ReactNode);
  };
  if (wide)
    return (
      <Table<Row>
        size="small"
        rowKey={rowKey}
        pagination={false}
        scroll={scroll}
        dataSource={rows}
        columns={columns.map((column) => ({ ...column, key: column.key ?? column.dataIndex }))}
      />
    );
  const [heading, ...rest] = columns;
  return (
    <div className="jiebang-stacked" data-layout="stacked">
      {rows.map((row, index) => (
        <section key={String(row[rowKey])} className="jiebang-stacked-row">
          {heading && <div className="jiebang-stacked-heading">{cell(heading, row, index)}</div>}
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
    </div>
  );
}
