// Words for people first: a problem is one plain sentence on screen; what is technical about it
// (an HTTP status, "fetch failed (ECONNREFUSED)") is kept behind a Details disclosure, for
// whoever fixes it, and never read out as part of the sentence.
import { useWords } from '../i18n/useWords';

export function TechnicalDetails({ details, className }: { details: string | null | undefined; className?: string }) {
  const { t } = useWords();
  if (!details) return null;
  return (
    <details className={className ? `tech-details ${className}` : 'tech-details'} data-testid="technical-details">
      <summary>{t('sync.details')}</summary>
      <p className="tech-details__text">{details}</p>
    </details>
  );
}
