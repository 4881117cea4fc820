import { Grid, Select } from 'antd';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useCycles } from '../api/queries';
import type { Cycle } from '../api/types';
import { useI18n } from '../i18n/i18n';

const STORAGE_KEY = 'jiebang.cycle';
const CycleContext = createContext<{ cycle: Cycle | undefined; setCycleId(id: string): void }>({
  cycle: undefined,
  setCycleId: () => undefined,
});

/** The assessment year the pages show: the one chosen last, else the district's current one. */
export function CycleProvider({ children }: { children: ReactNode }) {
  const cycles = useCycles();
  const [cycleId, setCycleIdState] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const list = cycles.data ?? [];
  const cycle = list.find((each) => each.id === cycleId) ?? current(list);
  useEffect(() => {
    if (cycle && cycle.id !== cycleId) setCycleIdState(cycle.id);
  }, [cycle, cycleId]);
  const setCycleId = (id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setCycleIdState(id);
  };
  return <CycleContext.Provider value={{ cycle, setCycleId }}>{children}</CycleContext.Provider>;
}

/**
 * The latest year's first cycle: the one the district has been running. A cycle imported later for
 * the same year (a trial, another office's) never moves everyone's default away from it.
 */
function current(cycles: Cycle[]): Cycle | undefined {
  return [...cycles].sort((a, b) => b.year - a.year || a.pledgeOpenedAt.localeCompare(b.pledgeOpenedAt))[0];
}

/** "2026 示范区年度目标管理考核"; a name that already says its year is shown as it is. */
export function cycleLabel(cycle: Pick<Cycle, 'year' | 'name'>): string {
  return cycle.name.includes(String(cycle.year)) ? cycle.name : `${cycle.year} ${cycle.name}`;
}

export const useCycle = () => useContext(CycleContext);

export function CycleSelect() {
  const { t } = useI18n();
  const cycles = useCycles();
  const { cycle, setCycleId } = useCycle();
  const screens = Grid.useBreakpoint();
  return (
    <Select
      aria-label={t('cycle')}
      style={{ width: screens.sm ? 190 : 110 }}
      value={cycle?.id}
      onChange={setCycleId}
      // On a phone the list opens as wide as the years' names (up to the screen), not the 110 px of the box:
      // two years of 2026 cut to "2026 示范…" and "2026 Phon…" could not be told apart.
      popupMatchSelectWidth={screens.sm === true}
      styles={screens.sm ? undefined : { popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
      options={(cycles.data ?? []).map((each) => ({ value: each.id, label: cycleLabel(each) }))}
    />
  );
}
