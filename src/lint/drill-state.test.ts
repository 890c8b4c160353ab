import { describe, expect, it } from 'vitest';
import {
  drillHeadline,
  drillNamer,
  drillKeys,
  drillRecord,
  liveDrill,
  liveDrillRecord,
  readDrillState,
  type DrillRecord,
} from './drill-state';
import { runDrill } from './drill';
import { LintFacts } from './facts';
import { sketch } from './testing';

const record: DrillRecord = {
  at: 5,
  by: 'Ana',
  failed: ['Orders'],
  cut: ['API'],
  requirementsLost: ['Place an order'],
  clientsDown: ['Web'],
  clientsDegraded: [],
  survivors: [],
};

describe('the drill state in the control document', () => {
  it('reads failed items in the order they failed, the keep flag and kept records', () => {
    const state = readDrillState([
      [drillKeys.down('db'), { by: 'Ana', at: 20 }],
      [drillKeys.down('cache'), { by: 'Ana', at: 10 }],
      [drillKeys.keep, true],
      [drillKeys.kept('b'), { ...record, at: 9 }],
      [drillKeys.kept('a'), record],
    ]);
    expect(state.down).toEqual([
      { id: 'cache', by: 'Ana', at: 10 },
      { id: 'db', by: 'Ana', at: 20 },
    ]);
    expect(state.keep).toBe(true);
    expect(state.kept.map((r) => r.at)).toEqual([5, 9]);
  });

  it('reads values of the wrong shape as absent, and keep without a live drill as off', () => {
    const state = readDrillState([
      [drillKeys.down('a'), 'down'],
      [drillKeys.down('b'), { by: 3, at: 1 }],
      [drillKeys.down('c'), { by: 'Ana', at: Number.NaN }],
      [drillKeys.down(''), { by: 'Ana', at: 1 }],
      [drillKeys.keep, true],
      [drillKeys.kept('x'), { ...record, requirementsLost: [1] }],
      [drillKeys.kept('y'), null],
      ['something-else', 1],
    ]);
    expect(state).toEqual({ down: [], keep: false, kept: [] });
  });

  it('keeps a record whose survivors list has a bad entry, without that entry', () => {
    const state = readDrillState([
      [drillKeys.kept('a'), { ...record, survivors: [{ failed: 'DB', takenOverBy: ['Standby'] }, { failed: 1 }] }],
    ]);
    expect(state.kept[0]!.survivors).toEqual([{ failed: 'DB', takenOverBy: ['Standby'] }]);
  });
});

describe('the live drill', () => {
  const board = sketch(
    'client:client=Web zone:group lb:load-balancer^zone app:service^zone=API db:sql-db^zone=Orders ' +
      'standby:sql-db=Orders_standby note:note',
    'client>lb lb>app app>db app>standby(reads) db>standby:replication',
    { functional: ['Place an order'] },
  );

  it('marks a failed group and everything in it as failed, and what is cut off as cut', () => {
    const drill = liveDrill(board, [{ id: 'zone', by: 'Ana', at: 1 }]);
    // The zone holds the balancer, the API and the primary: the standby, outside it, is reached by nobody,
    // so the client loses all service and greys out too.
    expect(drill.status).toEqual({
      zone: 'failed',
      lb: 'failed',
      app: 'failed',
      db: 'failed',
      standby: 'cut',
      client: 'cut',
    });
    expect(drill.result?.clientsDown).toEqual(['client']);
  });

  it('a failed primary with a standby: the standby takes over, nothing is cut', () => {
    const drill = liveDrill(board, [{ id: 'db', by: 'Ana', at: 1 }]);
    expect(drill.status).toEqual({ db: 'failed' });
    expect(drill.result?.survivors).toEqual([{ failed: 'db', takenOverBy: ['standby'] }]);
    expect(drill.result?.requirementsLost).toEqual([]);
  });

  it('leaves out marks of blocks since deleted; none left is no drill', () => {
    expect(liveDrill(board, [{ id: 'gone', by: 'Ana', at: 1 }])).toEqual({ marks: [], result: null, status: {} });
    expect(liveDrill(board, [])).toEqual({ marks: [], result: null, status: {} });
    expect(liveDrillRecord(board, [{ id: 'gone', by: 'Ana', at: 1 }], 'Ana')).toBeNull();
  });

  it('records the drill by names: the marked group once, what it cuts, who loses service, what survives', () => {
    const both = liveDrill(board, [
      { id: 'zone', by: 'Ana', at: 7 },
      { id: 'standby', by: 'Ana', at: 8 },
    ]);
    expect(drillRecord(board, ['zone', 'standby'], both.result!, 'Ana', 7)).toEqual({
      at: 7,
      by: 'Ana',
      failed: ['Group', 'Orders standby'],
      cut: [],
      requirementsLost: ['Place an order'],
      clientsDown: ['Web'],
      clientsDegraded: [],
      survivors: [],
    });
    expect(liveDrillRecord(board, [{ id: 'db', by: 'Ana', at: 3 }], 'Ana')).toEqual({
      at: 3,
      by: 'Ana',
      failed: ['Orders'],
      cut: [],
      requirementsLost: [],
      clientsDown: [],
      clientsDegraded: [],
      survivors: [{ failed: 'Orders', takenOverBy: ['Orders standby'] }],
    });
  });

  it('is the same analysis as runDrill', () => {
    const drill = liveDrill(board, [{ id: 'app', by: 'Ana', at: 1 }]);
    expect(drill.result).toEqual(runDrill(new LintFacts(board), ['app']));
  });
});

describe('the banner sentence', () => {
  it.each([
    [['Orders'], 'Orders is down'],
    [['Orders', 'Cache'], 'Orders and Cache are down'],
    [['Orders', 'Cache', 'API'], 'Orders, Cache and API are down'],
    [['Orders', 'Cache', 'API', 'LB'], 'Orders, Cache and 2 more are down'],
    [[], ''],
  ])('%j → %s', (names, sentence) => {
    expect(drillHeadline(names)).toBe(sentence);
  });
});

describe('names in a drill', () => {
  it('adds the group to a name that two blocks share', () => {
    const board = sketch('east:group=us-east west:group=eu-west a:service^east=API b:service^west=API c:cache=Cache');
    const name = drillNamer(board.blocks);
    expect(['a', 'b', 'c', 'east', 'gone'].map(name)).toEqual([
      'API (us-east)',
      'API (eu-west)',
      'Cache',
      'us-east',
      'gone',
    ]);
  });
});
