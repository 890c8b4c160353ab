import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOps } from '../board/ops';
import type { Board, Requirements } from '../board/types';
import { ANYTHING_ELSE, answerParts, revealOps, templateAnswers } from './answers';

const dir = new URL('../../templates/', import.meta.url);
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Board] as const);

/** Reveals every answer in order onto a board that has the prompt only. */
function revealAll(template: Board): Board {
  let board: Board = {
    format: 'archboard/v1',
    requirements: { prompt: template.requirements!.prompt! },
    blocks: [],
    links: [],
  };
  for (const answer of templateAnswers(template.template!.questions, template.requirements!))
    board = applyOps(board, revealOps(answer.parts, board.requirements ?? {}));
  return board;
}

describe('template answers', () => {
  it.each(templates)('%s: every part of the requirements answers exactly one question', (_file, template) => {
    const answers = templateAnswers(template.template!.questions, template.requirements!);
    const given = answers.flatMap((a) => a.parts);
    expect(given).toHaveLength(answerParts(template.requirements!).length);
    expect(new Set(given.map((p) => JSON.stringify(p))).size).toBe(given.length);
    expect(answers.slice(0, template.template!.questions.length).map((a) => a.question)).toEqual(
      template.template!.questions,
    );
    // Most questions get an answer from the template: the matching is not leaving it all to "Anything else".
    expect(answers.filter((a) => a.question !== ANYTHING_ELSE && a.parts.length > 0).length).toBeGreaterThanOrEqual(
      template.template!.questions.length / 2,
    );
  });

  it.each(templates)('%s: revealing every answer gives the template’s requirements', (_file, template) => {
    // In the order the answers come (question by question), with only the features that are on.
    const normal = (req: Requirements): Requirements => ({
      ...req,
      functional: [...(req.functional ?? [])].sort(),
      assumptions: [...(req.assumptions ?? [])].sort(),
      features: Object.fromEntries(Object.entries(req.features ?? {}).filter(([, on]) => on)),
    });
    expect(normal(revealAll(template).requirements!)).toEqual(normal(template.requirements!));
  });

  it('keeps the figures together under the question that asks for them', () => {
    const [, feed] = templates.find(([f]) => f === 'news-feed.json')!;
    const answers = templateAnswers(feed.template!.questions, feed.requirements!);
    const withFigures = answers.filter((a) => a.parts.some((p) => p.kind === 'scale'));
    expect(withFigures).toHaveLength(1);
    expect(withFigures[0]!.question).toMatch(/How many daily active users/);
    expect(withFigures[0]!.lines).toContain('Daily active users: 200M');
  });

  it('answers the scope question with what the system must do, and the scale question with figures only', () => {
    const [, feed] = templates.find(([f]) => f === 'news-feed.json')!;
    const answers = templateAnswers(feed.template!.questions, feed.requirements!);
    const functionalOf = (pattern: RegExp) =>
      answers.find((a) => pattern.test(a.question))!.parts.filter((p) => p.kind === 'functional');
    expect(functionalOf(/Which features are in scope/).length).toBeGreaterThan(0);
    expect(functionalOf(/How many daily active users/)).toEqual([]);
    const [, rides] = templates.find(([f]) => f === 'ride-sharing.json')!;
    const rideAnswers = templateAnswers(rides.template!.questions, rides.requirements!);
    expect(
      rideAnswers.find((a) => /^How many riders/.test(a.question))!.lines.some((l) => /^Charge the rider/.test(l)),
    ).toBe(false);
  });

  it('never changes what the candidate wrote, and adds each line once', () => {
    const parts = [
      { kind: 'functional', text: 'Post a tweet' },
      { kind: 'scale', field: 'dau', value: 1000 },
      { kind: 'latency', value: 200 },
      { kind: 'assumption', text: 'Reads dominate' },
    ] as const;
    const mine = { functional: ['post a tweet', 'My own line'], scale: { dau: 5 }, assumptions: ['Mine'] };
    const after = applyOps(
      { format: 'archboard/v1', requirements: mine, blocks: [], links: [] },
      revealOps(parts, mine),
    );
    expect(after.requirements).toEqual({
      functional: ['post a tweet', 'My own line'],
      scale: { dau: 5 },
      assumptions: ['Mine', 'Reads dominate'],
      latencyP99Ms: 200,
    });
  });
});
