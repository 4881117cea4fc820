import { Tag } from 'antd';
import type { Light } from '@jiebang/domain/traffic-light';
import { useI18n } from '../i18n/i18n';

const LIGHT_COLOURS: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error' };
const LIGHT_DOTS: Record<Light, string> = { green: '●', yellow: '▲', red: '■' };

/** A traffic light with its word and a shape, so it reads without colour too. */
export function LightTag({ light }: { light: Light }) {
  const { t } = useI18n();
  return (
    <Tag color={LIGHT_COLOURS[light]} data-light={light}>
      {LIGHT_DOTS[light]} {t(light)}
    </Tag>
  );
}

/**
 * The same light as LightTag, as a plain element: a ranking shows ten per unit for a thousand
 * units, where a component per light would cost seconds.
 */
export function LightMark({ light }: { light: Light }) {
  const { t } = useI18n();
  return (
    <span className={`jiebang-light jiebang-light-${light}`} data-light={light}>
      {LIGHT_DOTS[light]} {t(light)}
    </span>
  );
}

/** A date and time in the person's locale, in the browser's zone. */
export function useDateTime() {
  const { language } = useI18n();
  return (iso: string | null | undefined) =>
    iso
      ? new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : '—';
}

export const round2 = (value: number) => (Math.round(value * 100) / 100).toFixed(2);
