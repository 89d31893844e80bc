/**
 * Derived, read-only views of the stores that many components need: formatters for the chosen
 * locale/zone/currency, and the theme actually in effect.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { createFormatters, type Formatters } from '../lib/format';
import { rememberedTheme, useData } from './data-store';
import { useUi } from './ui-store';

export function useFormatters(): Formatters {
  const locale = useData((state) => state.prefs?.locale ?? navigator.language);
  const timeZone = useData((state) => state.prefs?.timeZone ?? 'America/New_York');
  const currency = useData((state) => state.prefs?.currency ?? 'USD');
  return useMemo(() => createFormatters(locale, timeZone, currency), [locale, timeZone, currency]);
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribeToScheme(callback: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', callback);
  return () => query.removeEventListener('change', callback);
}

export type ResolvedTheme = 'light' | 'dark';

/** The theme preference in force (a preview while editing wins), before resolving `system`. */
export function useThemePreference() {
  const saved = useData((state) => state.prefs?.theme);
  const preview = useUi((state) => state.themePreview);
  return preview ?? saved ?? rememberedTheme();
}

export function useResolvedTheme(): ResolvedTheme {
  const preference = useThemePreference();
  const systemDark = useSyncExternalStore(subscribeToScheme, () => darkQuery().matches, () => false);
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

/** Keeps `<html lang>` and `<html data-theme>` in step with the preferences. */
export function useDocumentSettings(): void {
  // Always the resolved theme, so the stylesheet needs one dark block, not a media-query copy.
  const theme = useResolvedTheme();
  const locale = useFormatters().locale;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
}
