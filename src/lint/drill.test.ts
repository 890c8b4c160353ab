import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBoardJson } from '../board/format';
import { runDrill } from './drill';
import { LintFacts } from './facts';
import { followUps } from './follow-ups';
import { lint } from './lint';
import { sketch } from './testing';

const twitter = parseBoardJson(
  readFileSync(join(import.meta.dirname, '../../examples/traffic/twitter-20.json'), 'utf8'),
  'twitter-20.json',
);

describe('failure drills', () => {
  it('a failed database cuts off the service that reads it and the requirements that use it', () => {
    const board = sketch('client:client app:service=Links_API db:sql-db=Links', 'client>app app>db', {
      functional: ['Shorten a link', 'Show statistics'],
    });
    const result = runDrill(new LintFacts(board), ['db']);
    expect(result).toEqual({
      failed: ['db'],
      cut: ['app', 'db'],
      clientsDown: ['client'],
      clientsDegraded: [],
      requirementsLost: ['Shorten a link', 'Show statistics'],
      survivors: [],
    });
  });

  it('a primary with a standby survives: the standby takes over and no client loses service', () => {
    const board = sketch(
      'client:client app:service db:sql-db=Orders standby:sql-db=Orders_standby',
      'client>app app>db app>standby(reads) db>standby:replication',
    );
    const result = runDrill(new LintFacts(board), ['db']);
    expect(result.clientsDown).toEqual([]);
    expect(result.survivors).toEqual([{ failed: 'db', takenOverBy: ['standby'] }]);
  });

  it('a region group fails with everything in it; the second region serves', () => {
    const board = sketch(
      'client:client dns:dns ea:group we:group lbA:load-balancer^ea=LB appA:service^ea=API dbA:nosql-db^ea=Links ' +
        'lbB:load-balancer^we=LB appB:service^we=API dbB:nosql-db^we=Links',
      'client>dns dns>lbA dns>lbB lbA>appA appA>dbA lbB>appB appB>dbB dbA>dbB:replication',
    );
    const result = runDrill(new LintFacts(board), ['ea']);
    expect(result.failed).toEqual(['lbA', 'appA', 'dbA']);
    expect(result.clientsDown).toEqual([]);
    expect(result.clientsDegraded).toEqual([]);
    expect(result.survivors.map((s) => s.failed)).toEqual(['lbA', 'appA', 'dbA']);
  });

  it('on the Twitter design, losing the search index loses search and nothing else', () => {
    const result = runDrill(new LintFacts(twitter), ['search']);
    expect(result.requirementsLost).toEqual(['Search tweets']);
    expect(result.clientsDown).toEqual([]);
    expect(result.clientsDegraded.sort()).toEqual(['mobile', 'web']);
  });
});

describe('follow-up prompts', () => {
  it('asks about a one-instance cache restarting cold, with its figures, and about sharding heavy writes', () => {
    // 10M × 10 reads ÷ 86,400 × 3 = 3.47K reads/s; 10M × 20 writes ÷ 86,400 × 3 = 6.94K writes/s.
    const board = sketch(
      'client:client app:service*8 cache:cache=Cache db:sql-db@20000=Orders',
      'client>app app>cache app>db',
      {
        scale: { dau: 10_000_000, readsPerUserPerDay: 10, writesPerUserPerDay: 20 },
        availability: 99.9,
      },
    );
    const facts = new LintFacts(board);
    const groups = followUps(facts, lint(board));
    const questions = groups.flatMap((g) => g.questions.map((q) => `${g.step}: ${q.question}`));
    expect(questions).toContain(
      'evaluation: Cache is one instance: when it restarts cold, the 3.47K reads/s it answers would reach the database: what happens to the database?',
    );
    expect(questions).toContain(
      'storage-schema: Writes are 6.94K/s at peak at Orders: how is it sharded, and by which key?',
    );
    // Grouped in the framework's order.
    expect(groups.map((g) => g.step)).toEqual(['storage-schema', 'evaluation']);
  });

  it('asks for the numbers when the requirements give none', () => {
    const board = sketch('client:client app:service', 'client>app');
    const groups = followUps(new LintFacts(board), lint(board));
    expect(groups[0]!.step).toBe('requirements');
    expect(groups.map((g) => g.step)).toContain('estimation');
  });
});
