/**
 * Peer rounds (a contract; server/README.md): peers practising together take
 * turns, each round a board, the roles swapped from one to the next.
 *
 *   POST /api/boards/<id>/next-round  Authorization: Bearer <interviewer token of <id>>, body {} or { title }
 *        -> 201 { id, number, role: 'candidate', link } (200 with the same once the next round exists):
 *        makes the next board, blank until its interviewer picks the problem, and records the pair in
 *        both boards' control documents (ids only). The caller gets only their own new link.
 *   GET  /api/boards/<id>/rounds      Authorization: Bearer <any token of <id>>
 *        -> { number, previous?: RoundLink, next?: RoundLink }, RoundLink = { id, number, role, link, view }:
 *        the caller's own link in the other round, with the role swapped (interviewer and candidate trade
 *        places; an observer stays one), except that `previous` never holds an interviewer link (the
 *        candidate's token would hand it to this round's interviewer): the candidate gets its observer link. So the candidate's screen learns its new interviewer link, and
 *        the interviewer's its candidate link, and neither ever sees the other's. `view` is the round's
 *        observer link, which the reports use to link each other.
 *   POST /api/boards/<id>/template    Authorization: Bearer <interviewer token>, body { template }
 *        -> 200 { template }: the board's problem, picked after it was made (a next round's new
 *        interviewer, on their own screen): the shared document gets the title, prompt and starter
 *        blocks, as a board made from the template would; the answers stay behind
 *        GET /api/boards/<id>/template. 409 once the board has a template.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import { z } from 'zod';
import { applyOpsToDoc } from '../../src/doc/board-doc';
import { readControls, setControl, type Rounds } from '../../src/doc/control-doc';
import { MAX_LABEL_CHARS } from '../../src/limits';
import type { ParticipantRole } from '../../src/protocol/roles';
import { newBoardId } from '../board-ids';
import { linkFor } from '../capability-tokens';
import type { Logger } from '../logger';
import { initialBoardUpdates, templateStarter } from '../new-board';
import type { BoardStorage } from '../storage/storage';
import type { RoomRegistry } from '../sync/room-registry';
import type { TemplateLibrary } from '../templates';
import { requireRole } from './bearer';
import type { CreationGuard } from './creation-guard';
import { readJsonBody } from './request-body';
import { HttpError, sendJson } from './responses';

export interface RoundServices {
  secret: string;
  storage: BoardStorage;
  templates: TemplateLibrary;
  rooms: RoomRegistry;
  logger: Logger;
  maxBodyBytes: number;
  creationGuard: CreationGuard;
}

const NextRoundBody = z.strictObject({ title: z.string().trim().min(1).max(MAX_LABEL_CHARS).optional() });
const PickTemplateBody = z.strictObject({ template: z.string().min(1).max(200) });

/** The role a person has in the other round: interviewer and candidate swap, an observer stays one. */
export function swappedRole(role: ParticipantRole): ParticipantRole {
  return role === 'interviewer' ? 'candidate' : role === 'candidate' ? 'interviewer' : 'observer';
}

/** One person's way into another round. */
interface RoundLink {
  id: string;
  number: number;
  role: ParticipantRole;
  link: string;
  /** The round's observer link: what a report links to, so a shared report never hands on more than a look. */
  view: string;
}

function roundLink(
  secret: string,
  id: string,
  number: number,
  role: ParticipantRole,
  cap?: ParticipantRole,
): RoundLink {
  const swapped = cap && swappedRole(role) === 'interviewer' ? cap : swappedRole(role);
  return { id, number, role: swapped, link: linkFor(secret, id, swapped), view: linkFor(secret, id, 'observer') };
}

async function parseBody<T>(req: IncomingMessage, limit: number, schema: z.ZodType<T>, shape: string): Promise<T> {
  const parsed = schema.safeParse((await readJsonBody(req, limit)) ?? {});
  if (!parsed.success) throw new HttpError(400, `The body must be ${shape}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A document's value, read through its room (the room holds the latest state, whichever process wrote it). */
async function readControlsOf(rooms: RoomRegistry, boardId: string) {
  let controls: ReturnType<typeof readControls> | undefined;
  await rooms.change(`${boardId}/control`, boardId, (doc: Y.Doc) => {
    controls = readControls(doc);
  });
  return controls!;
}

export async function createNextRound(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  services: RoundServices,
): Promise<void> {
  const role = requireRole(req, services.secret, boardId);
  if (role !== 'interviewer') throw new HttpError(403, 'Only the interviewer may start the next round');
  const { title } = await parseBody(req, services.maxBodyBytes, NextRoundBody, '{} or { "title": text }');
  const rounds = (await readControlsOf(services.rooms, boardId)).rounds;
  if (rounds.next) {
    sendJson(res, 200, roundLink(services.secret, rounds.next, rounds.number + 1, role));
    return;
  }
  await services.creationGuard.check(req);
  const number = rounds.number + 1;
  const id = newBoardId();
  const updates = initialBoardUpdates({ title: title ?? `Round ${number}` });
  const t = Date.now();
  if (updates.board) await services.storage.append(id, updates.board, { t, by: null });
  await services.rooms.change(`${id}/control`, id, (doc) => {
    setControl(doc, 'rounds', { number, previous: boardId } satisfies Rounds, 'the server');
  });
  // Recorded on the current board last: only then can anyone be sent there. Two clicks at once keep the first.
  let next = id;
  await services.rooms.change(`${boardId}/control`, boardId, (doc) => {
    const now = readControls(doc).rounds;
    if (now.next) next = now.next;
    else setControl(doc, 'rounds', { ...now, next: id } satisfies Rounds, 'the server');
  });
  services.logger.info({ event: 'board.next_round', board: boardId, next, number });
  sendJson(res, next === id ? 201 : 200, roundLink(services.secret, next, number, role));
}

export async function sendRounds(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  services: RoundServices,
): Promise<void> {
  const role = requireRole(req, services.secret, boardId);
  const rounds = (await readControlsOf(services.rooms, boardId)).rounds;
  sendJson(res, 200, {
    number: rounds.number,
    ...(rounds.previous
      ? // Never the previous round's interviewer link: this round's interviewer holds the candidate's
        // token too, so whatever the candidate's token gets, the former candidate would get, and climb
        // to the interviewer of the round they were examined in (their scorecard, the private notes).
        // The former interviewer keeps their own link from that round; here they get its observer link.
        { previous: roundLink(services.secret, rounds.previous, Math.max(1, rounds.number - 1), role, 'observer') }
      : {}),
    ...(rounds.next ? { next: roundLink(services.secret, rounds.next, rounds.number + 1, role) } : {}),
  });
}

export async function pickTemplate(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  services: RoundServices,
): Promise<void> {
  const role = requireRole(req, services.secret, boardId);
  if (role !== 'interviewer') throw new HttpError(403, "Only the interviewer may pick the board's problem");
  const { template: templateId } = await parseBody(req, services.maxBodyBytes, PickTemplateBody, '{ "template": id }');
  const template = await services.templates.get(templateId);
  if (!template) throw new HttpError(400, `Unknown template "${templateId}"`);
  let taken: string | undefined;
  await services.rooms.change(`${boardId}/control`, boardId, (doc) => {
    taken = readControls(doc).templateId;
    if (!taken) setControl(doc, 'templateId', templateId, 'the server');
  });
  if (taken) throw new HttpError(409, `This board's problem is set already ("${taken}")`);
  // Added to what the board holds (blank, for a next round), never replacing it.
  const starter = templateStarter(template);
  await services.rooms.change(boardId, boardId, (doc) => {
    applyOpsToDoc(doc, [
      { op: 'set-title', title: starter.title },
      ...(starter.requirements?.prompt
        ? [{ op: 'set-requirement' as const, field: 'prompt' as const, value: starter.requirements.prompt }]
        : []),
      ...starter.blocks.map((block) => ({ op: 'add-block' as const, block })),
      ...starter.links.map((link) => ({ op: 'add-link' as const, link })),
    ]);
  });
  services.logger.info({ event: 'board.template_picked', board: boardId, template: templateId });
  sendJson(res, 200, { template: templateId });
}
