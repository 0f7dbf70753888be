import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type Messages } from './messages.ts';

export type Locale = 'zh-CN' | 'en';
const storageKey = 'weibao.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

interface LocaleValue {
  locale: Locale;
  t: Messages;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleValue | null>(null);

/** Chinese first; English when chosen, remembered in localStorage across sessions. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Storage refused (private mode): the choice lasts for this page only.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo(
    () => ({ locale, t: locale === 'en' ? en : zh, setLocale }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}

export function useT(): Messages {
  return useLocale().t;
}
