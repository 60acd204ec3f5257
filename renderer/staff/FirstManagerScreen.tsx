// A desk without an endpoint (the demo, a venue file) at its first start: before its door is
// usable it asks for its first manager (SPEC "A desk with no endpoint has a first manager, chosen
// at its first start"); main answers nothing else meanwhile. Setup (F4) stays reachable for
// pairing instead, whose endpoint's staff then take over.
import type { DeskClient } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import { FirstManagerForm } from './FirstManagerForm';

export function FirstManagerScreen({ desk, onChosen }: { desk: DeskClient; onChosen: () => void }) {
  const { t } = useWords();
  return (
    <main className="sign-in" aria-label={t('firstManager.label')} data-testid="first-manager-screen">
      <h2 className="sign-in__title">{t('firstManager.title')}</h2>
      <FirstManagerForm desk={desk} onChanged={onChosen} lead={t('firstManager.firstStartLead')} />
    </main>
  );
}
