import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type Language, type MessageKey } from './messages';
import { REFUSALS } from './refusals';

const STORAGE_KEY = 'jiebang.language';

/** The console's language as the API and libs/contracts spell it (a BCP 47 tag). */
export const languageTag = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en');

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** A label, with `{name}` placeholders filled in. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A label for a code the API sends (a step, a status, a rung), or the code itself when the catalogue lacks it. */
  tc(code: string, prefix?: string): string;
  /** A refusal of the API in the person's language. */
  refusal(code: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh',
  );
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = languageTag(next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, values: Record<string, string | number> = {}) =>
      MESSAGES[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
    return {
      language,
      setLanguage,
      t,
      tc(code, prefix) {
        const key = (prefix ? `${prefix}.${code}` : code) as MessageKey;
        if (key in MESSAGES) return t(key);
        if (code.startsWith('case.') && code !== 'case.decide') {
          const step = `caseStep.${code.slice(5)}` as MessageKey;
          return t('caseStep', { step: step in MESSAGES ? t(step) : code.slice(5) });
        }
        return code;
      },
      refusal(code) {
        const known = REFUSALS[code as keyof typeof REFUSALS];
        return known ? known[language] : code;
      },
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
