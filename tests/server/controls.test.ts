/**
 * The interviewer-only controls (control document `<id>/control`): every role
 * reads it, the server applies interviewer writes only.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  controlsOf,
  drillsOf,
  readControls,
  readRevealed,
  recordRevealed,
  revealedOf,
  setControl,
  type BoardControls,
  type ControlKey,
} from '../../src/doc/control-doc';
import { readFileSync } from 'node:fs';
import type { Board } from '../../src/board/types';
import { applyOpsToDoc, docToBoard } from '../../src/doc/board-doc';
import { revealOps, templateAnswers } from '../../src/interview/answers';
import { initialTimer, start } from '../../src/interview/timer';
import { ControlStore, Drills } from '../../src/sync/control';
import { createBoard } from '../helpers/sync-clients';
import { useSyncServer } from '../helpers/sync-server-suite';
import { waitFor } from '../helpers/wait-for';

/** One write per control, as a candidate's tampered browser would send it. */
const CONTROL_WRITES: { key: ControlKey; value: (marker: string) => BoardControls[ControlKey] }[] = [
  { key: 'timer', value: () => start(initialTimer(), 1_000) },
  { key: 'findingsVisibleToCandidate', value: () => true },
  { key: 'disabledRules', value: (marker) => [marker] },
  { key: 'locks', value: () => ({ requirements: 'open', importLocked: false }) },
  { key: 'templateId', value: (marker) => marker },
  { key: 'mode', value: () => 'solo' },
];

/** The template a real interview starts from: its requirements, questions and reference are the interviewer's. */
const NEWS_FEED = JSON.parse(readFileSync(new URL('../../templates/news-feed.json', import.meta.url), 'utf8')) as Board;
const NEWS_FEED_SECRETS: string[] = [
  ...(NEWS_FEED.requirements?.functional ?? []),
  ...(NEWS_FEED.requirements?.assumptions ?? []),
  ...NEWS_FEED.template!.questions,
  ...NEWS_FEED.template!.reference.blocks.flatMap((b) => (b.notes ? [b.notes] : [])),
  ...Object.values(NEWS_FEED.template!.reference.notes ?? {}).map((n) => n.split('\n')[0]!),
  String(NEWS_FEED.requirements!.scale!.dau),
];

/** The secrets of the template that a text contains. */
function secretsIn(text: string): string[] {
  const flat = text.replace(/\\(.)/g, '$1');
  return NEWS_FEED_SECRETS.filter((secret) => flat.includes(secret));
}

/** A stored or served document as JSON text: every update applied to one doc. */
function docText(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const text = JSON.stringify(doc.toJSON());
  doc.destroy();
  return text;
}

describe('interviewer-only controls', () => {
  const suite = useSyncServer();
  const { connect } = suite;

  it('drops every candidate and observer write to each control, and applies the interviewer’s', async () => {
    const board = await createBoard(suite.server.url, { title: 'Controls' });
    const room = `${board.id}/control`;
    const interviewer = await connect(room, board.tokens.interviewer);
    const candidate = await connect(room, board.tokens.candidate);
    const observer = await connect(room, board.tokens.observer);
    const intruders = { candidate, observer };

    let round = 0;
    for (const { key, value } of CONTROL_WRITES) {
      round++;
      for (const [role, client] of Object.entries(intruders)) {
        setControl(client.doc, key, value(`from-${role}`), role);
      }
      recordRevealed(candidate.doc, 0, { question: 'q', lines: ['from-candidate'], by: 'candidate', at: 1 });
      drillsOf(observer.doc).set('drill', 'from-observer');
      // The server handles one socket's messages in order: once the interviewer's later write has
      // reached everyone, the intruders' earlier ones would have too, had they been applied.
      interviewer.doc.getMap('marker').set('round', round);
      await waitFor(
        () => [candidate, observer].every((c) => c.doc.getMap('marker').get('round') === round),
        'the interviewer’s marker everywhere',
      );
      expect(controlsOf(interviewer.doc).has(key)).toBe(false);
      expect(revealedOf(interviewer.doc).size).toBe(0);
      expect(drillsOf(interviewer.doc).size).toBe(0);
      // The candidate's own copy still shows its write; the observer's never gets it.
      expect(controlsOf(observer.doc).get(`by:${key}`)).not.toBe('candidate');
      expect(controlsOf(candidate.doc).get(`by:${key}`)).not.toBe('observer');
    }

    // The interviewer's own writes apply and reach both.
    setControl(interviewer.doc, 'findingsVisibleToCandidate', true, 'Ana');
    setControl(interviewer.doc, 'disabledRules', ['orphan-block'], 'Ana');
    setControl(interviewer.doc, 'locks', { requirements: 'locked', importLocked: false }, 'Ana');
    setControl(interviewer.doc, 'timer', start(initialTimer(), 5_000), 'Ana');
    recordRevealed(interviewer.doc, 1, { question: 'q', lines: ['given'], by: 'Ana', at: 2 });
    drillsOf(interviewer.doc).set('drill-of-interviewer', 'from-interviewer');
    for (const client of [candidate, observer]) {
      await waitFor(
        () => revealedOf(client.doc).has('1') && drillsOf(client.doc).has('drill-of-interviewer'),
        'answers given',
      );
    }

    // A late reader sees exactly what the interviewer set.
    const late = await connect(room, board.tokens.observer);
    const controls = readControls(late.doc);
    expect(controls.findingsVisibleToCandidate).toBe(true);
    expect(controls.disabledRules).toEqual(['orphan-block']);
    expect(controls.locks).toEqual({ requirements: 'locked', importLocked: false });
    expect(controls.timer.runningSince).toBe(5_000);
    expect(controls.templateId).toBeUndefined();
    expect([...readRevealed(late.doc).keys()]).toEqual([1]);
    expect(drillsOf(late.doc).toJSON()).toEqual({ 'drill-of-interviewer': 'from-interviewer' });
    expect(JSON.stringify(late.doc.toJSON())).not.toMatch(/from-candidate|from-observer/);
    const metric = await suite.server.metrics.registry.getSingleMetricAsString(
      'archboard_control_writes_dropped_total',
    );
    expect(metric).toMatch(/archboard_control_writes_dropped_total [1-9]/);
  });

  it('drops a candidate’s failure drill, however their browser sends it, and spreads the interviewer’s', async () => {
    const board = await createBoard(suite.server.url, { title: 'Drills' });
    const room = `${board.id}/control`;
    const interviewer = await connect(room, board.tokens.interviewer);
    const candidate = await connect(room, board.tokens.candidate);
    const observer = await connect(room, board.tokens.observer);
    // A tampered browser: the drill controls told they may write.
    const tampered = new Drills(candidate.doc, true, () => 'candidate');
    tampered.fail(['db']);
    tampered.setKeep(true);
    new Drills(observer.doc, true, () => 'observer').fail(['cache']);
    interviewer.doc.getMap('marker').set('round', 1);
    await waitFor(
      () => [candidate, observer].every((c) => c.doc.getMap('marker').get('round') === 1),
      'the interviewer’s marker everywhere',
    );
    expect(drillsOf(interviewer.doc).size).toBe(0);
    expect(new ControlStore(observer.doc).getState().drill.down.map((m) => m.id)).toEqual(['cache']);
    expect(new ControlStore(interviewer.doc).getState().drill.down).toEqual([]);

    // The interviewer's drill reaches the candidate, and ending it reaches them too.
    const drills = new Drills(interviewer.doc, true, () => 'Ana');
    drills.fail(['lb']);
    const seen = new ControlStore(candidate.doc);
    await waitFor(() => seen.getState().drill.down.some((m) => m.id === 'lb' && m.by === 'Ana'), 'the drill');
    drills.end(null);
    await waitFor(() => !seen.getState().drill.down.some((m) => m.id === 'lb'), 'the drill ended');
    // The candidate's own copy still holds its dropped write; nobody else's does.
    expect(seen.getState().drill.down.map((m) => m.id)).toEqual(['db']);
    const late = await connect(room, board.tokens.observer);
    expect(drillsOf(late.doc).size).toBe(0);
  });

  it('keeps a candidate’s control-doc write out even after the room reloads from storage', async () => {
    const board = await createBoard(suite.server.url, {});
    const candidate = await connect(`${board.id}/control`, board.tokens.candidate);
    setControl(candidate.doc, 'findingsVisibleToCandidate', true, 'candidate');
    candidate.provider.disconnect();
    await waitFor(() => !suite.server.rooms.isLoaded(`${board.id}/control`), 'the control room to unload');
    const fresh = new Y.Doc();
    for (const update of await suite.server.storage.loadUpdates(`${board.id}/control`)) Y.applyUpdate(fresh, update);
    expect(readControls(fresh).findingsVisibleToCandidate).toBe(false);
  });

  it('makes a solo practice board from a template, and refuses one without', async () => {
    const solo = await createBoard(suite.server.url, { template: 'news-feed', mode: 'solo' });
    const interview = await createBoard(suite.server.url, { template: 'news-feed' });
    const soloControls = await connect(`${solo.id}/control`, solo.tokens.candidate);
    const interviewControls = await connect(`${interview.id}/control`, interview.tokens.candidate);
    expect(readControls(soloControls.doc)).toMatchObject({ mode: 'solo', templateId: 'news-feed' });
    expect(readControls(interviewControls.doc)).toMatchObject({ mode: 'interview', templateId: 'news-feed' });
    // Solo practice starts like any board from a template: the prompt, not the answers.
    const board = await connect(solo.id, solo.tokens.interviewer);
    expect(secretsIn(JSON.stringify(board.doc.toJSON()))).toEqual([]);
    for (const body of [{ mode: 'solo' }, { template: 'news-feed', mode: 'alone' }]) {
      const res = await fetch(`${suite.server.url}/api/boards`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
    }
  });

  describe('a board from a template', () => {
    const get = (path: string, token?: string) =>
      fetch(`${suite.server.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

    it('keeps the requirements, scale, questions and reference out of everything a candidate or no token can get', async () => {
      expect(NEWS_FEED_SECRETS.length).toBeGreaterThan(10);
      const board = await createBoard(suite.server.url, { template: 'news-feed' });
      // The interviewer gets them: so the check below can see a secret when there is one.
      const full = await get(`/api/boards/${board.id}/template`, board.tokens.interviewer);
      expect(full.status).toBe(200);
      expect(secretsIn(await full.text())).toEqual(NEWS_FEED_SECRETS);

      for (const token of [board.tokens.candidate, board.tokens.observer, undefined]) {
        for (const path of [
          '/api/templates',
          '/api/templates/news-feed',
          `/api/boards/${board.id}`,
          `/api/boards/${board.id}/template`,
          `/api/boards/${board.id}/history`,
          `/api/boards/${board.id}/history?doc=private`,
        ]) {
          const res = await get(path, token);
          const text = await res.text();
          expect(secretsIn(text), `${path} as ${token ? 'a participant' : 'no one'}`).toEqual([]);
          if (path.endsWith('/history') && res.status === 200) {
            const { entries } = JSON.parse(text) as { entries: { update: string }[] };
            expect(entries.length).toBeGreaterThan(0);
            expect(secretsIn(docText(entries.map((e) => Buffer.from(e.update, 'base64'))))).toEqual([]);
          }
        }
      }

      // What the candidate's browser syncs (and keeps in its IndexedDB): the board and the control document.
      const shared = await connect(board.id, board.tokens.candidate);
      const control = await connect(`${board.id}/control`, board.tokens.candidate);
      const start = docToBoard(shared.doc);
      expect(start.title).toBe(NEWS_FEED.title);
      expect(start.requirements).toEqual({ prompt: NEWS_FEED.requirements!.prompt });
      expect(start.blocks.map((b) => b.id)).toEqual(NEWS_FEED.blocks.map((b) => b.id));
      expect(secretsIn(JSON.stringify(shared.doc.toJSON()))).toEqual([]);
      expect(readControls(control.doc).templateId).toBe('news-feed');
      expect(secretsIn(JSON.stringify(control.doc.toJSON()))).toEqual([]);
      // And what the server stores for the room.
      expect(secretsIn(docText(await suite.server.storage.loadUpdates(board.id)))).toEqual([]);
    });

    it('brings a revealed answer to the candidate, and only that one', async () => {
      const board = await createBoard(suite.server.url, { template: 'news-feed' });
      const template = (await (
        await get(`/api/boards/${board.id}/template`, board.tokens.interviewer)
      ).json()) as Board;
      const answers = templateAnswers(template.template!.questions, template.requirements!);
      const scaleAnswer = answers.find((a) => a.parts.some((p) => p.kind === 'scale'))!;
      const other = answers.find((a) => a !== scaleAnswer && a.parts.some((p) => p.kind === 'functional'))!;

      const interviewer = await connect(board.id, board.tokens.interviewer);
      const interviewerControl = await connect(`${board.id}/control`, board.tokens.interviewer);
      const candidate = await connect(board.id, board.tokens.candidate);
      const candidateControl = await connect(`${board.id}/control`, board.tokens.candidate);

      applyOpsToDoc(interviewer.doc, revealOps(scaleAnswer.parts, docToBoard(interviewer.doc).requirements ?? {}));
      recordRevealed(interviewerControl.doc, scaleAnswer.index, {
        question: scaleAnswer.question,
        lines: scaleAnswer.lines,
        by: 'Ana',
        at: 1,
      });
      await waitFor(() => readRevealed(candidateControl.doc).has(scaleAnswer.index), 'the answer recorded');
      await waitFor(() => docToBoard(candidate.doc).requirements?.scale?.dau !== undefined, 'the figures');
      const seen = docToBoard(candidate.doc).requirements!;
      expect(seen.scale).toEqual(template.requirements!.scale);
      expect(readRevealed(candidateControl.doc).get(scaleAnswer.index)?.lines).toEqual(scaleAnswer.lines);
      expect([...readRevealed(candidateControl.doc).keys()]).toEqual([scaleAnswer.index]);
      const otherLine = other.parts.find((p) => p.kind === 'functional')!;
      expect(seen.functional ?? []).not.toContain('text' in otherLine ? otherLine.text : '');
    });

    it('never overwrites what the candidate wrote when an answer is revealed', () => {
      const answers = templateAnswers(NEWS_FEED.template!.questions, NEWS_FEED.requirements!);
      const scale = answers.find((a) => a.parts.some((p) => p.kind === 'scale'))!;
      const ops = revealOps(scale.parts, { scale: { dau: 5 }, functional: ['Mine'] });
      expect(ops).not.toContainEqual(expect.objectContaining({ op: 'set-scale', field: 'dau' }));
      expect(ops).toContainEqual({ op: 'set-scale', field: 'readsPerUserPerDay', value: 20 });
      expect(ops.some((op) => op.op === 'remove-functional' || op.op === 'update-functional')).toBe(false);
    });
  });
});
