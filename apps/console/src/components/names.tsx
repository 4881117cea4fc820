import { Select } from 'antd';
import { useMemo } from 'react';
import { useCycleDetail } from '../api/queries';
import type { UnitName } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useCycle } from './cycle';

export interface Names {
  /** The unit's name, or its id while the names load (or for a unit the cycle lacks). */
  unit(id: string | null | undefined): string;
  category(id: string | null | undefined): string;
  units: UnitName[];
}

/**
 * A year's units and categories by name (GET /cycles/{id}): people read names, never ids. The year
 * is `cycleId` when the page names one (`?cycle=`, an item's own year), else the year picker's.
 */
export function useNames(cycleId?: string): Names {
  const { cycle } = useCycle();
  const detail = useCycleDetail(cycleId ?? cycle?.id);
  const organisation = detail.data?.organisation;
  return useMemo(() => {
    const units = new Map((organisation?.units ?? []).map((unit) => [unit.id, unit.name]));
    const categories = new Map((organisation?.categories ?? []).map((category) => [category.id, category.name]));
    return {
      unit: (id) => (id ? (units.get(id) ?? id) : '—'),
      category: (id) => (id ? (categories.get(id) ?? id) : '—'),
      units: organisation?.units ?? [],
    };
  }, [organisation]);
}

/** Chooses a unit of the year by name (searchable); its value is the unit's id. */
export function UnitSelect({
  value,
  onChange,
  allowClear,
  style,
  id,
}: {
  /** Given by the page, or by an antd Form.Item around it. */
  value?: string | undefined;
  onChange?(unitId: string | undefined): void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  /** The field's id, so that a form's label names it. */
  id?: string;
}) {
  const { t } = useI18n();
  const names = useNames();
  return (
    <Select
      id={id}
      showSearch
      allowClear={allowClear}
      aria-label={t('unit')}
      placeholder={t('unit')}
      style={{ minWidth: 160, ...style }}
      value={value}
      onChange={(unitId?: string) => onChange?.(unitId ?? undefined)}
      optionFilterProp="label"
      options={names.units.map((unit) => ({ value: unit.id, label: unit.name }))}
    />
  );
}
