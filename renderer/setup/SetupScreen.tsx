// Setting a desk up (SPEC "Setting up, data in and out"): who is at the desk (their name goes
// into the history), pairing with the venue's sync endpoint (a pairing code, or its address and a device token), the demo
// venue for trying the app, and a venue file imported from disk. Every refusal is shown
// whole: a venue file's every problem, by line and column.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { DEMO_VENUE_ID } from '../../shared/venue/demoVenueId';
import { useWords } from '../i18n/useWords';
import { LanguageSection } from './LanguageSection';
import { connectionOf, connectionWords, desksHeardWords, lastSyncedWords } from '../status/syncWords';
import { StorageKeepingSection } from '../status/StorageAlarm';
import { countsWords, NoteLine } from './SetupNote';
import type { Note } from './SetupNote';
import { PairWithVenue } from './PairWithVenue';
import { VenueHubSwitch } from './VenueHubSwitch';
import { EndpointList } from './EndpointList';
import { useVenueChoices } from './useVenueChoices';
import { DemoDiscardConfirm } from './DemoDiscardConfirm';
import { FirstManagerForm } from '../staff/FirstManagerForm';
import { KioskSwitch } from '../staff/KioskSwitch';

type Props = { desk: DeskClient; status: DeskStatus | null; nowMs: number; onChanged: () => void };

export function SetupScreen({ desk, status, nowMs, onChanged }: Props) {
  const words = useWords();
  const { t } = words;
  // ---- Staff -----------------------------------------------------------------------------
  const [staff, setStaff] = useState(status?.staff ?? '');
  const staffTouched = useRef(false);
  useEffect(() => {
    if (!staffTouched.current && status) setStaff(status.staff);
  }, [status]);
  const [staffNote, setStaffNote] = useState<Note | null>(null);
  const saveStaff = (event: FormEvent) => {
    event.preventDefault();
    desk.setStaff({ staff }).then((result) => {
      onChanged();
      setStaffNote(result.ok
        ? { tone: 'ok', words: t('setup.staffSaved', { staff: result.staff }) }
        : { tone: 'refused', words: staff.trim() === '' ? t('setup.typeName') : words.refusalWords(result.error, result.note), lines: result.issues ?? [] });
    }, () => setStaffNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };

  // ---- Pairing ---------------------------------------------------------------------------
  const [unpairNote, setUnpairNote] = useState<Note | null>(null);
  const unpair = () => {
    desk.unpairEndpoint({}).then((result) => {
      onChanged();
      setUnpairNote(result.ok ? { tone: 'ok', words: t('setup.unpaired') } : { tone: 'refused', words: words.refusalWords(result.error, result.note), lines: result.issues ?? [] });
    }, () => setUnpairNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };

  // ---- Venue -----------------------------------------------------------------------------
  const venueChoices = useVenueChoices(desk, onChanged);
  const { loading, importFile } = venueChoices;
  const venueNote = venueChoices.note;
  // The demo is offered to a desk with no venue or the demo itself, never over a venue's data
  // nor on a paired desk (main refuses it there too).
  const offersDemo = status !== null && !status.sync.endpoint && (status.venue === null || status.venue.id === DEMO_VENUE_ID);

  const sync = status?.sync ?? null;
  const desksHeard = sync ? desksHeardWords(words, sync) : null;
  const staffRef = useRef<HTMLInputElement | null>(null);
  const fileRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => staffRef.current?.focus(), []);

  return (
    <main className="setup" aria-label={t('tabs.setup')}>
      {/* Two columns, each flowing on its own: a tall sync section leaves no gaps between the sections beside it. */}
      <div className="setup__column">
        <section className="setup__section setup__section--staff" aria-labelledby="setup-staff">
          <h2 id="setup-staff" className="section-title">{t('setup.who')}</h2>
          <form className="setup__form" onSubmit={saveStaff}>
            <label htmlFor="staff-name">{t('setup.staffName')}</label>
            <div className="setup__row">
              <input
                id="staff-name"
                ref={staffRef}
                className="setup__input"
                value={staff}
                maxLength={100}
                autoComplete="off"
                onChange={(event) => {
                  staffTouched.current = true;
                  setStaff(event.target.value);
                }}
              />
              <button type="submit" className="adjust__button adjust__button--save">{t('setup.saveName')}</button>
            </div>
          </form>
          <NoteLine note={staffNote} testId="staff-note" />
          <FirstManagerForm desk={desk} onChanged={onChanged} />
          {status?.staffRequired ? <KioskSwitch desk={desk} onChanged={onChanged} /> : null}
        </section>

        <section className="setup__section setup__section--venue" aria-labelledby="setup-venue">
          <h2 id="setup-venue" className="section-title">{t('setup.venueData')}</h2>
          <p className="setup__now" data-testid="venue-holds">
            {status?.venue ? words.rich('setup.holds', { venue: <strong>{status.venue.name ?? status.venue.id}</strong>, counts: countsWords(words, { customers: status.counts.customers, passes: status.counts.passes }) }) : t('setup.noVenue')}
          </p>
          <div className="setup__row">
            {offersDemo ? <button type="button" className="adjust__button" onClick={venueChoices.openDemo} disabled={loading !== null}>{t('setup.openDemo')}</button> : null}
            <span id="venue-file-hint" className="setup__file-label">{t('setup.importFile')}</span>
            {/* Chromium's own file field says "Choose File" in the browser's language: a button in the desk's opens it. */}
            <button type="button" className="adjust__button" aria-describedby="venue-file-hint" disabled={loading !== null} onClick={() => fileRef.current?.click()}>
              {t('setup.chooseFile')}
            </button>
            <input
              id="venue-file"
              ref={fileRef}
              hidden
              aria-labelledby="venue-file-hint"
              type="file"
              accept=".json,application/json,.csv,text/csv"
              disabled={loading !== null}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) importFile(file);
                event.target.value = '';
              }}
            />
          </div>
          {venueChoices.replace.pending ? (
            <DemoDiscardConfirm
              title={t('setup.replacesDemo', { venue: venueChoices.replace.pending.venue, file: venueChoices.replace.pending.fileName })}
              practice={venueChoices.replace.pending.practice}
              busy={loading !== null}
              confirmLabel={t('setup.discardAndLoad')}
              onConfirm={venueChoices.replace.confirm}
              onKeep={venueChoices.replace.keep}
            />
          ) : null}
          {loading ? <p className="setup__note" role="status">{t(loading.id, loading.values)}</p> : null}
          <NoteLine note={venueNote} testId="venue-note" />
        </section>

        <LanguageSection desk={desk} status={status} onChanged={onChanged} />
      </div>
      <div className="setup__column">
        <section className="setup__section setup__section--sync" aria-labelledby="setup-sync">
          <h2 id="setup-sync" className="section-title">{t('setup.sync')}</h2>
          <p className="setup__now" data-testid="pair-state">
            {sync ? <>{connectionWords(words, connectionOf(sync))}{sync.endpoint ? ` · ${sync.endpoint} · ${t('sync.lastSynced', { when: lastSyncedWords(words, sync.lastSyncedAt, nowMs) })}` : ''}</> : '…'}
          </p>
          {/* What a status bar short of room leaves out (renderer/status/fitStatusBar.ts): this desk's id, the desks heard from. */}
          {status ? (
            <p className="setup__now" data-testid="setup-desk">
              {t('sync.desk', { id: status.deskId })}{desksHeard ? ` · ${desksHeard.words}` : ''}
            </p>
          ) : null}
          {sync?.endpoints ? <EndpointList desk={desk} endpoints={sync.endpoints} onChanged={onChanged} /> : null}
          <PairWithVenue desk={desk} status={status} onChanged={onChanged} />
          {sync?.endpoint ? (
            <div className="setup__row">
              <button type="button" className="adjust__button" onClick={unpair}>{t('setup.unpair')}</button>
            </div>
          ) : null}
          <NoteLine note={unpairNote} testId="unpair-note" />
          <VenueHubSwitch desk={desk} timeZone={status?.venue?.timeZone ?? null} onChanged={onChanged} />
        </section>
      </div>

      <StorageKeepingSection status={status} />
    </main>
  );
}
