// The API map's implementations: one handler per name of `deskApi` (shared/schema/api.ts).
import type { DeskApiName } from '../../shared/schema/api';
import { setStaffInput, loadVenueFileInput, pairEndpointInput } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { checkIn } from '../commands/checkIn';
import { undoCheckIn } from '../commands/undoCheckIn';
import { overrideExpiry } from '../commands/overrideExpiry';
import { overrideUses } from '../commands/overrideUses';
import { revokePass } from '../commands/revokePass';
import { parsePayload } from '../commands/parsePayload';
import { customerOverview, findAtDoor, passHistory, passState, previewCheckIn, search } from '../queries/customerQueries';
import { recentCheckIns, sessionAttendees, todaySessions } from '../queries/sessionQueries';
import { syncReview } from '../queries/syncReview';
import { passDetail } from '../queries/passDetail';
import { searchCorpus } from '../queries/searchCorpus';
import { parseVenueFileText } from '../venue/readVenueFile';
import type { Desk, OpenDeskOptions } from './openDesk';

type Handler = (desk: Desk, payload: unknown, options: OpenDeskOptions) => unknown;

export const deskApiHandlers: Record<DeskApiName, Handler> = {
  checkIn: (desk, payload) => checkIn(desk.context, payload),
  undoCheckIn: (desk, payload) => undoCheckIn(desk.context, payload),
  overrideExpiry: (desk, payload) => overrideExpiry(desk.context, payload),
  overrideUses: (desk, payload) => overrideUses(desk.context, payload),
  revokePass: (desk, payload) => revokePass(desk.context, payload),
  previewCheckIn: (desk, payload) => previewCheckIn(desk.context, payload),
  search: (desk, payload) => search(desk.context, payload),
  findAtDoor: (desk, payload) => findAtDoor(desk.context, payload),
  searchCorpus: (desk, payload) => searchCorpus(desk.context, payload),
  customerOverview: (desk, payload) => customerOverview(desk.context, payload),
  passState: (desk, payload) => passState(desk.context, payload),
  passHistory: (desk, payload) => passHistory(desk.context, payload),
  passDetail: (desk, payload) => passDetail(desk.context, payload),
  sessionAttendees: (desk, payload) => sessionAttendees(desk.context, payload),
  todaySessions: (desk) => todaySessions(desk.context),
  recentCheckIns: (desk) => recentCheckIns(desk.context),
  deskStatus: (desk) => ({ ok: true, status: desk.status('connected') }),
  async setStaff(desk, payload, options) {
    const input = parsePayload(setStaffInput, payload);
    if (!input.ok) return input;
    desk.context.identity.staff = input.value.staff;
    await options.saveIdentity?.(desk.context.identity);
    return { ok: true, staff: input.value.staff };
  },
  async loadVenueFile(desk, payload) {
    const input = parsePayload(loadVenueFileInput, payload);
    if (!input.ok) return input;
    const parsed = parseVenueFileText(input.value.text);
    if (!parsed.ok) {
      return refuse('invalid-input', parsed.errors.map((error) => `line ${error.line}, column ${error.column}, ${error.path}: ${error.message}`));
    }
    const loaded = await desk.loadVenue(parsed.data);
    return loaded.ok ? loaded : refuse('invalid-input', [loaded.message]);
  },
  syncReview: (desk) => syncReview(desk.context),
  // Checked with a test call before anything is stored; the token is entered once (main/sync/pairing.ts).
  async pairEndpoint(desk, payload) {
    const input = parsePayload(pairEndpointInput, payload);
    if (!input.ok) return input;
    return desk.sync.pair(input.value);
  },
  unpairEndpoint: (desk) => desk.sync.unpair(),
  async openDemoVenue(desk, _payload, options) {
    if (!options.demoVenue) return refuse('invalid-input', ['this desk has no demo venue']);
    const loaded = await desk.loadVenue(options.demoVenue(desk.context.now()));
    return loaded.ok ? loaded : refuse('invalid-input', [loaded.message]);
  },
};
