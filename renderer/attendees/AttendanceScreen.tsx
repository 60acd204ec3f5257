// A session's attendee list (SPEC: "Customers who booked the session in advance appear on the
// session's attendee list ... Walk-ins ... appear on the list too"): who has arrived, the
// counts, check-in from the list, CSV export. The filter box keeps the focus like the door's
// search: type to narrow, ↑ ↓ choose, Enter checks the chosen person in.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Attendee, DeskClient } from '../../shared/schema/api';
import type { Session } from '../../shared/schema/records';
import { venueDayOf } from '../../shared/rules/venueTime';
import { useWords } from '../i18n/useWords';
import { fileNamePart, toCsv } from '../export/csv';
import { ExportNote, useCsvExport } from '../export/useExportNote';
import { CheckInResultPanel } from '../door/CheckInResultPanel';
import type { DoorOutcome } from '../door/CheckInResultPanel';
import { checkInOutcome } from '../door/checkInOutcome';
import { initialSessionChoice } from '../door/SessionPicker';
import { ComboboxInput } from '../shell/ComboboxInput';
import { useKeysBeforeOptions } from '../shell/useKeysBeforeOptions';
import { RefusedHere, refusedOf } from '../staff/RefusedHere';
import type { Refused } from '../staff/RefusedHere';
import { attendanceCounts, attendanceCsvHeader, attendanceCsvRows, attendeeMatches } from './attendance';

const ROW_PX = 44;
const LIST_ID = 'attendee-list';
const optionId = (index: number) => `attendee-${index}`;

type Props = { desk: DeskClient; timeZone: string | null; dataVersion: number };

export function AttendanceScreen({ desk, timeZone, dataVersion }: Props) {
  // Any day up to today can be picked, so that a past session's attendance can be exported;
  // only today's sessions are checked in from the list.
  const [day, setDay] = useState<string | null>(null);
  const words = useWords();
  const { t } = words;
  const [choice, setChoice] = useState<{ today: string; day: string; days: string[]; sessions: Session[] } | null>(null);
  // The sessions of the day picked, none while its answer is on its way.
  const sessions = choice !== null && (day === null || choice.day === day) ? choice.sessions : null;
  const [sessionId, setSessionId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    desk.attendanceSessions(day === null ? {} : { day }).then((result) => {
      if (!live || !result.ok) return;
      setChoice(result);
      setSessionId((current) => {
        if (current !== null && result.sessions.some((session) => session.id === current)) return current;
        // Today: the session on now or next. Another day: its first session.
        return (result.day === result.today ? initialSessionChoice(result.sessions, Date.now()) : null) ?? result.sessions[0]?.id ?? null;
      });
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, day, dataVersion]);
  const pastDay = choice !== null && choice.day < choice.today;
  const pickDay = (picked: string) => {
    setDay(picked);
    setSessionId(null);
    setSelectedIndex(0);
  };
  const pickSession = (picked: string | null) => {
    setSessionId(picked);
    setSelectedIndex(0);
  };
  const sessionIds = useMemo(() => sessions?.map((candidate) => candidate.id) ?? null, [sessions]);
  const onDayKeyDown = useKeysBeforeOptions(choice?.days ?? null, day ?? choice?.day ?? null, pickDay);
  const onSessionKeyDown = useKeysBeforeOptions(sessionIds, sessionId, pickSession);

  const [attendees, setAttendees] = useState<{ sessionId: string; list: Attendee[] } | null>(null);
  // A past day's list is a manager's (main refuses it to door staff): said, with the step-up.
  const [listRefused, setListRefused] = useState<{ sessionId: string; refused: Refused } | null>(null);
  const [listAsked, setListAsked] = useState(0);
  useEffect(() => {
    if (sessionId === null) return;
    let live = true;
    desk.sessionAttendees({ sessionId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setAttendees({ sessionId, list: result.attendees });
        setListRefused(null);
      } else if (result.error === 'not-allowed') {
        setAttendees(null);
        setListRefused({ sessionId, refused: refusedOf(result) });
      }
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, sessionId, dataVersion, listAsked]);
  const all = attendees && attendees.sessionId === sessionId ? attendees.list : [];
  const refusedList = listRefused && listRefused.sessionId === sessionId ? listRefused.refused : null;

  const [filter, setFilter] = useState('');
  const shown = filter.trim() === '' ? all : all.filter((attendee) => attendeeMatches(attendee, filter));
  const [selectedIndex, setSelectedIndex] = useState(0);
  const selected = Math.min(selectedIndex, Math.max(shown.length - 1, 0));
  const counts = attendanceCounts(all);
  const session = sessions?.find((candidate) => candidate.id === sessionId) ?? null;

  const inputRef = useRef<HTMLInputElement | null>(null);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 8 });
  useEffect(() => {
    if (shown.length > 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, shown.length, virtualizer]);

  const [outcome, setOutcome] = useState<DoorOutcome>({ kind: 'ready' });
  const [sequence, setSequence] = useState(0);
  const [pending, setPending] = useState<Attendee | null>(null);
  const show = useCallback((next: DoorOutcome) => {
    setOutcome(next);
    setSequence((current) => current + 1);
  }, []);

  const checkIn = (attendee: Attendee, confirmDuplicate: boolean) => {
    if (sessionId === null || pastDay) return;
    setPending(null);
    checkInOutcome(desk, attendee.customer, sessionId, confirmDuplicate).then((next) => {
      if (next.kind === 'confirm-duplicate') setPending(attendee);
      show(next);
    }, () => show({ kind: 'failed', said: { error: 'internal' } })).finally(() => inputRef.current?.focus());
  };

  const { fileName: exported, exportCsv: writeCsv } = useCsvExport();
  // SPEC: a manager exports. The file's rows come from main's own export call, which needs one.
  const [exportRefused, setExportRefused] = useState<Refused | null>(null);
  const exportCsv = () => {
    if (!session || !timeZone) return;
    desk.exportAttendance({ sessionId: session.id }).then((result) => {
      if (!result.ok) {
        setExportRefused(refusedOf(result));
        return;
      }
      setExportRefused(null);
      const day = venueDayOf(result.session.startsAt, timeZone);
      writeCsv(`attendance-${day}-${fileNamePart(`${words.timeWords(result.session.startsAt, timeZone)} ${result.session.name}`)}.csv`, toCsv(attendanceCsvHeader(words), attendanceCsvRows(words, result.attendees)));
    }, () => setExportRefused({ error: 'internal' }));
  };

  const page = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_PX * 8) / ROW_PX) - 1);
  const onEnter = () => {
    if (pending && filter.trim() === '') {
      checkIn(pending, true);
      return;
    }
    const attendee = shown[selected];
    if (attendee) {
      // Enter on the person the warning is about confirms it; anyone else starts afresh.
      checkIn(attendee, pending !== null && pending.customer.id === attendee.customer.id);
      setFilter('');
    }
  };
  const onEscape = () => {
    if (pending) {
      show({ kind: 'not-charged-again', customer: pending.customer });
      setPending(null);
    } else {
      setFilter('');
    }
  };

  return (
    <main className="attendance" aria-label={t('tabs.attendance')}>
      <div className="attendance__list">
        <div className="attendance__controls">
          <label htmlFor="attendance-day" className="finder__label">{t('attendance.day')}</label>
          <select
            id="attendance-day"
            className="attendance__select"
            // The day picked shows at once, so that a second arrow moves on from it before its sessions are in.
            value={day ?? choice?.day ?? ''}
            onChange={(event) => pickDay(event.target.value)}
            onKeyDown={onDayKeyDown}
          >
            {(choice?.days ?? []).map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate === choice?.today ? t('attendance.today', { day: words.dayWords(candidate) }) : words.dayWords(candidate)}
              </option>
            ))}
          </select>
          <label htmlFor="attendance-session" className="finder__label">{t('session.label')}</label>
          <select
            id="attendance-session"
            className="attendance__select"
            value={sessionId ?? ''}
            onChange={(event) => pickSession(event.target.value || null)}
            onKeyDown={onSessionKeyDown}
          >
            {sessions?.length === 0 ? <option value="">{pastDay ? t('attendance.noSessionsThatDay') : t('attendance.noSessionsToday')}</option> : null}
            {(sessions ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {t('session.option', { from: words.timeWords(candidate.startsAt, timeZone), to: words.timeWords(candidate.endsAt, timeZone), name: candidate.name })}
              </option>
            ))}
          </select>
          <label htmlFor="attendance-filter" className="finder__label">{t('attendance.find')}</label>
          <ComboboxInput
            id="attendance-filter"
            inputRef={inputRef}
            testId="attendance-filter"
            className="attendance__filter"
            listId={LIST_ID}
            optionId={optionId}
            count={shown.length}
            selected={selected}
            hintId="attendance-hint"
            value={filter}
            placeholder={t('attendance.placeholder')}
            onChange={(text) => {
              setFilter(text);
              setSelectedIndex(0);
              if (pending) {
                show({ kind: 'not-charged-again', customer: pending.customer });
                setPending(null);
              }
            }}
            onSelect={setSelectedIndex}
            onEnter={onEnter}
            onEscape={onEscape}
            pageSize={page}
          />
          <p id="attendance-hint" className="search__hint attendance__hint">
            {pastDay ? words.rich('attendance.pastHint') : words.rich('attendance.hint')}
          </p>
        </div>
        <div ref={scrollRef} className="attendance__scroll" tabIndex={0} role="region" aria-label={t('attendance.scrollable')}>
          <ul
            id={LIST_ID}
            role="listbox"
            aria-label={session ? t('attendance.of', { name: session.name }) : t('attendance.attendees')}
            data-testid="attendee-list"
            className="finder__list"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((row) => {
              const attendee = shown[row.index]!;
              const isSelected = row.index === selected;
              return (
                <li
                  key={attendee.customer.id}
                  id={optionId(row.index)}
                  role="option"
                  aria-selected={isSelected}
                  aria-setsize={shown.length}
                  aria-posinset={row.index + 1}
                  className={`attendee${isSelected ? ' attendee--selected' : ''}${attendee.arrived ? ' attendee--arrived' : ''}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_PX }}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => setSelectedIndex(row.index)}
                  onDoubleClick={() => checkIn(attendee, false)}
                >
                  <span className="matches__marker" aria-hidden="true">{isSelected ? '▶' : ''}</span>
                  <span className="attendee__name">{attendee.customer.name}</span>
                  <span className={attendee.walkIn ? 'tag tag--walk-in' : 'tag tag--booked'}>{attendee.walkIn ? t('csv.walkIn') : t('csv.booked')}</span>
                  <span className={attendee.arrived ? 'attendee__state attendee__state--arrived' : 'attendee__state'}>
                    <span aria-hidden="true">{attendee.arrived ? '✓ ' : '○ '}</span>
                    {attendee.arrived ? t('attendance.arrived', { count: attendee.checkInIds.length }) : t('attendance.notYet')}
                  </span>
                </li>
              );
            })}
          </ul>
          <RefusedHere desk={desk} refused={refusedList} onAuthorised={() => setListAsked((asked) => asked + 1)} testId="attendance-refused" />
          {attendees && all.length === 0 ? <p className="attendance__empty">{pastDay ? t('attendance.emptyPast') : t('attendance.empty')}</p> : null}
          {all.length > 0 && shown.length === 0 ? <p className="attendance__empty">{t('attendance.noMatch', { query: filter.trim() })}</p> : null}
          {sessions?.length === 0 ? <p className="attendance__empty">{pastDay ? t('attendance.noSessionsThatDayLong') : t('attendance.noSessionsTodayLong')}</p> : null}
        </div>
      </div>
      <div className="attendance__side">
        <section className="counts" aria-label={t('attendance.counts')} data-testid="attendance-counts">
          <div className="counts__item">{words.rich(pastDay ? 'attendance.came' : 'attendance.inRoom', { count: counts.arrived, n: <span className="counts__number">{words.numberWords(counts.arrived)}</span> })}</div>
          <div className="counts__item">{words.rich('attendance.bookedArrived', { n: <span className="counts__number">{counts.bookedArrived}/{counts.booked}</span> })}</div>
          <div className="counts__item">{words.rich('attendance.walkIns', { count: counts.walkIns, n: <span className="counts__number">{words.numberWords(counts.walkIns)}</span> })}</div>
          <div className="counts__item">{words.rich(pastDay ? 'attendance.didNotCome' : 'attendance.notYetHere', { count: counts.notYetArrived, n: <span className="counts__number">{words.numberWords(counts.notYetArrived)}</span> })}</div>
        </section>
        {pastDay ? null : <CheckInResultPanel outcome={outcome} sequence={sequence} timeZone={timeZone} />}
        <button type="button" className="adjust__button attendance__export" onClick={exportCsv} disabled={!session}>
          {t('attendance.export')}
        </button>
        <ExportNote fileName={exported} />
        <RefusedHere desk={desk} refused={exportRefused} onAuthorised={exportCsv} testId="export-refused" />
      </div>
    </main>
  );
}
