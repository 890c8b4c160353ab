/**
 * Peer rounds: the interviewer of a round makes the next board; each person
 * gets only their own link there, with the roles swapped; the new interviewer
 * picks the problem, whose answers only they can read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docToBoard } from '../../src/doc/board-doc';
import { readControls } from '../../src/doc/control-doc';
import { connectClient, createBoard, parseLink, type SyncClient } from '../helpers/sync-clients';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

interface RoundLink {
  id: string;
  number: number;
  role: string;
  link: string;
}

describe('peer rounds', () => {
  let server: TestServer;
  const clients: SyncClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ limits: { roomUnloadGraceMs: 50 } });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server.stop();
  });

  const call = (method: string, path: string, token?: string, body?: object) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('swaps the roles, gives each person only their own link, and lets the new interviewer pick the problem', async () => {
    const first = await createBoard(server.url, { template: 'news-feed' });
    const watcher = connectClient(server.url, `${first.id}/control`, first.tokens.candidate);
    clients.push(watcher);
    await watcher.synced;

    expect((await call('POST', `/api/boards/${first.id}/next-round`)).status).toBe(401);
    expect((await call('POST', `/api/boards/${first.id}/next-round`, first.tokens.candidate)).status).toBe(403);
    expect(
      (await call('POST', `/api/boards/${first.id}/next-round`, first.tokens.interviewer, { nope: 1 })).status,
    ).toBe(400);
    const made = await call('POST', `/api/boards/${first.id}/next-round`, first.tokens.interviewer, {});
    expect(made.status).toBe(201);
    const mine = (await made.json()) as RoundLink;
    expect(mine).toMatchObject({ number: 2, role: 'candidate' });
    // Asked again, the same round.
    const again = await call('POST', `/api/boards/${first.id}/next-round`, first.tokens.interviewer, {});
    expect(again.status).toBe(200);
    expect(((await again.json()) as RoundLink).id).toBe(mine.id);

    // The candidate's screen hears of the round at once (ids only) and asks for its own link.
    await waitFor(() => readControls(watcher.doc).rounds.next === mine.id, 'the next round on the old board');
    expect(JSON.stringify(watcher.doc.toJSON())).not.toMatch(/token/);
    const links: Record<string, RoundLink> = {};
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      const res = await call('GET', `/api/boards/${first.id}/rounds`, first.tokens[role]);
      const body = (await res.json()) as { number: number; next: RoundLink };
      expect(body.number).toBe(1);
      links[role] = body.next;
    }
    expect(links.interviewer!.role).toBe('candidate');
    expect(links.candidate!.role).toBe('interviewer');
    expect(links.observer!.role).toBe('observer');
    expect(links.interviewer!.link).toBe(mine.link);
    const next = {
      interviewer: parseLink(links.candidate!.link).token,
      candidate: parseLink(links.interviewer!.link).token,
    };
    expect(next.interviewer).not.toBe(next.candidate);
    const roleOf = async (token: string) =>
      ((await (await call('GET', `/api/boards/${mine.id}`, token)).json()) as { role: string }).role;
    expect(await roleOf(next.interviewer)).toBe('interviewer');
    expect(await roleOf(next.candidate)).toBe('candidate');
    // Neither answer holds the other's link.
    expect(JSON.stringify(links.interviewer)).not.toContain(next.interviewer);
    expect(JSON.stringify(links.candidate)).not.toContain(next.candidate);

    // The new round links back: each person's link to the first round is their own there.
    const back = (await (await call('GET', `/api/boards/${mine.id}/rounds`, next.interviewer)).json()) as {
      number: number;
      previous: RoundLink;
    };
    expect(back.number).toBe(2);
    expect(back.previous).toMatchObject({ id: first.id, number: 1, role: 'candidate' });
    expect(parseLink(back.previous.link).token).toBe(first.tokens.candidate);

    // The new board is blank until its interviewer picks the problem, on their own screen.
    const board = connectClient(server.url, mine.id, next.candidate);
    clients.push(board);
    await board.synced;
    expect(docToBoard(board.doc).blocks).toEqual([]);
    expect((await call('GET', `/api/boards/${mine.id}/template`, next.interviewer)).status).toBe(404);
    expect((await call('POST', `/api/boards/${mine.id}/template`, next.candidate, { template: 'chat' })).status).toBe(
      403,
    );
    expect(
      (await call('POST', `/api/boards/${mine.id}/template`, next.interviewer, { template: 'no-such' })).status,
    ).toBe(400);
    const picked = await call('POST', `/api/boards/${mine.id}/template`, next.interviewer, { template: 'chat' });
    expect(picked.status).toBe(200);
    await waitFor(() => docToBoard(board.doc).requirements?.prompt !== undefined, 'the problem on the board');
    expect(docToBoard(board.doc).requirements).toEqual({ prompt: expect.any(String) as string });
    const answers = await call('GET', `/api/boards/${mine.id}/template`, next.interviewer);
    expect(answers.status).toBe(200);
    expect(((await answers.json()) as { template: { questions: string[] } }).template.questions.length).toBeGreaterThan(
      0,
    );
    expect((await call('GET', `/api/boards/${mine.id}/template`, next.candidate)).status).toBe(403);
    expect(
      (await call('POST', `/api/boards/${mine.id}/template`, next.interviewer, { template: 'news-feed' })).status,
    ).toBe(409);
  });
  it('never hands the previous round’s interviewer link back, so the new interviewer cannot climb to it', async () => {
    const first = await createBoard(server.url, { template: 'news-feed' });
    const made = await call('POST', `/api/boards/${first.id}/next-round`, first.tokens.interviewer, {});
    const second = (await made.json()) as RoundLink;
    // The former candidate, now the interviewer of round 2, holds every link of round 2.
    const mineThere = (
      (await (await call('GET', `/api/boards/${first.id}/rounds`, first.tokens.candidate)).json()) as {
        next: RoundLink;
      }
    ).next;
    const secondLinks = (
      (await (await call('GET', `/api/boards/${second.id}`, parseLink(mineThere.link).token)).json()) as {
        links: Record<string, string>;
      }
    ).links;
    for (const link of Object.values(secondLinks)) {
      const res = await call('GET', `/api/boards/${second.id}/rounds`, parseLink(link).token);
      const text = await res.text();
      expect(text).not.toContain(first.tokens.interviewer);
      const body = JSON.parse(text) as { previous: RoundLink };
      expect(body.previous.role).not.toBe('interviewer');
    }
    // The former interviewer, the candidate of round 2, is sent back with a look at round 1.
    const back = (await (
      await call('GET', `/api/boards/${second.id}/rounds`, parseLink(second.link).token)
    ).json()) as {
      previous: RoundLink;
    };
    expect(back.previous).toMatchObject({ id: first.id, number: 1, role: 'observer' });
    expect(parseLink(back.previous.link).token).toBe(first.tokens.observer);
  });
});
