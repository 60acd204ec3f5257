// The words of the desk's language for a component: renderer/words.ts, plus messages with tags
// (<kbd>Esc</kbd>, <b>…</b>) as React nodes. They change at once with the language.
import { createElement, Fragment, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { createIntl } from '@formatjs/intl';
import { makeWords } from '../words';
import type { Words } from '../words';
import type { MessageId } from '../../shared/i18n/catalogs';

/** Tags a message may use around words: <kbd>Esc</kbd> (a key), <b>…</b> (stress). */
const tags = {
  kbd: (chunks: ReactNode[]) => createElement('kbd', null, ...chunks),
  b: (chunks: ReactNode[]) => createElement('strong', null, ...chunks),
};

export type ScreenWords = Words & {
  /** A message with tags (keys, stress) and React nodes among its values. */
  rich: (id: MessageId, values?: Record<string, ReactNode>) => ReactNode;
};

export function useWords(): ScreenWords {
  const intl = useIntl();
  // The plain words from the same locale and messages, as renderer/words.ts reads them (strings only).
  return useMemo(() => ({
    ...makeWords(createIntl({ locale: intl.locale, messages: intl.messages, defaultLocale: intl.defaultLocale, onError: intl.onError })),
    rich: (id: MessageId, values?: Record<string, ReactNode>): ReactNode =>
      createElement(Fragment, null, ...([] as ReactNode[]).concat(intl.formatMessage({ id }, { ...tags, ...values }))),
  }), [intl]);
}
