// Words for people first: a problem is one plain sentence on screen; what is technical about it
// (an HTTP status, "fetch failed (ECONNREFUSED)") is kept behind a Details disclosure, for
// whoever fixes it, and never read out as part of the sentence.
export function TechnicalDetails({ details, className }: { details: string | null | undefined; className?: string }) {
  if (!details) return null;
  return (
    <details className={className ? `tech-details ${className}` : 'tech-details'} data-testid="technical-details">
      <summary>Details</summary>
      <p className="tech-details__text">{details}</p>
    </details>
  );
}
