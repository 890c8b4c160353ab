import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { docToBoard, boardToDoc, commentsOf } from '../doc/board-doc';
import { threadsFromEntries } from '../board/comments';
import { setControl } from '../doc/control-doc';
import { parseBoardJson, writeBoard } from '../board/format';
import { openTestBoard, syncOnce } from './test-board';
import { KINDS } from '../board/catalog';
import {
  addPrivateComment,
  readPrivateComments,
  replyToPrivateComment,
  setPrivateCommentDimension,
  setPrivateCommentResolved,
} from './private-doc';

describe('comments through the editing API', () => {
  it('pins, replies, resolves and reopens; the other replica reads the same threads', () => {
    const { doc, store, editor, undo } = openTestBoard();
    const id = editor.addBlock({ kind: KINDS[0]!, x: 0, y: 0 });
    const thread = editor.addComment({
      anchor: { kind: 'block', id },
      text: 'Which engine? @Bo',
      author: 'Ann',
      mentions: ['Bo'],
    });
    expect(thread).not.toBeNull();
    expect(editor.replyToComment(thread!, { text: 'Postgres', author: 'Ann' })).toBe(true);
    editor.setCommentResolved(thread!, true, 'Ann');
    const other = openTestBoard(new Y.Doc());
    syncOnce(doc, other.doc);
    for (const s of [store, other.store]) {
      const [t] = s.getState().comments;
      expect(t).toMatchObject({
        id: thread,
        anchor: { kind: 'block', id },
        author: { name: 'Ann', role: 'interviewer' },
        text: 'Which engine? @Bo',
        mentions: ['Bo'],
        resolved: true,
        resolvedBy: { name: 'Ann' },
      });
      expect(t!.replies.map((r) => r.text)).toEqual(['Postgres']);
    }
    other.editor.setCommentResolved(thread!, false, 'Bo');
    syncOnce(other.doc, doc);
    expect(store.getState().comments[0]!.resolved).toBe(false);
    // Comments are not undo steps: undo takes back the block, never the comment.
    editor.undo();
    expect(store.getState().comments).toHaveLength(1);
    expect(undo.canUndo()).toBe(false);
  });

  it('writes nothing for an observer, an empty text or a missing thread', () => {
    const { store, editor } = openTestBoard(new Y.Doc(), { readOnly: true });
    expect(editor.addComment({ anchor: { kind: 'point', x: 1, y: 2 }, text: 'hi', author: 'O' })).toBeNull();
    expect(store.getState().comments).toEqual([]);
    const open = openTestBoard();
    expect(open.editor.addComment({ anchor: { kind: 'point', x: 1, y: 2 }, text: '  ', author: 'A' })).toBeNull();
    expect(open.editor.replyToComment('c-nope', { text: 'x', author: 'A' })).toBe(false);
    expect(open.store.getState().comments).toEqual([]);
  });

  it('reads a junk value as missing, with a warning, and keeps the rest', () => {
    const warnings: string[] = [];
    const { doc, store, editor } = openTestBoard(new Y.Doc(), { warnings });
    editor.addComment({ anchor: { kind: 'point', x: 1, y: 2 }, text: 'kept', author: 'A' });
    doc.getMap('comments').set('t:c-junk', { text: 42 });
    expect(store.getState().comments.map((t) => t.text)).toEqual(['kept']);
    expect(warnings.join('\n')).toMatch(/comments\.t:c-junk/);
  });

  it('keeps shared comments through a board file, export and import', () => {
    const { doc, editor } = openTestBoard();
    const id = editor.addBlock({ kind: KINDS[0]!, x: 0, y: 0 });
    const t = editor.addComment({ anchor: { kind: 'block', id }, text: 'TTL?', author: 'Ann' })!;
    editor.replyToComment(t, { text: '60 s', author: 'Bo' });
    editor.addComment({ anchor: { kind: 'point', x: 40, y: 80 }, text: 'Space for the queue', author: 'Bo' });
    const board = docToBoard(doc);
    expect(board.comments).toHaveLength(2);
    const reread = parseBoardJson(writeBoard(board));
    expect(reread.comments).toEqual(board.comments);
    const copy = boardToDoc(reread);
    expect(docToBoard(copy)).toEqual(board);
    const imported = openTestBoard();
    imported.editor.replaceBoard(reread);
    expect(imported.store.getState().comments).toEqual(board.comments);
    expect(imported.store.getBoard().comments).toEqual(board.comments);
  });
});

describe('comments and whole-board replacement', () => {
  it('an import replaces them as one undo step, and undo brings them back', () => {
    const { store, editor } = openTestBoard();
    editor.addComment({ anchor: { kind: 'point', x: 0, y: 0 }, text: 'before the import', author: 'A' });
    const file = parseBoardJson(writeBoard({ format: 'archboard/v1', blocks: [], links: [] }));
    expect(editor.replaceBoard(file)).toBe(true);
    expect(store.getState().comments).toEqual([]);
    editor.undo();
    expect(store.getState().comments.map((t) => t.text)).toEqual(['before the import']);
  });

  it('a candidate’s import replaces the candidate’s comments only, and writes none in the interviewer’s name', () => {
    const interviewer = openTestBoard();
    const theirs = interviewer.editor.addComment({
      anchor: { kind: 'point', x: 0, y: 0 },
      text: 'Why a queue?',
      author: 'Ann',
    })!;
    const controlDoc = new Y.Doc();
    setControl(controlDoc, 'locks', { requirements: 'open', importLocked: false }, 'Ann');
    const candidate = openTestBoard(new Y.Doc(), { role: 'candidate', controlDoc });
    syncOnce(interviewer.doc, candidate.doc);
    const mine = candidate.editor.addComment({
      anchor: { kind: 'point', x: 5, y: 5 },
      text: 'Mine, old',
      author: 'Bo',
    })!;
    candidate.editor.replyToComment(theirs, { text: 'For bursts', author: 'Bo' });
    const file = parseBoardJson(
      writeBoard({
        format: 'archboard/v1',
        blocks: [],
        links: [],
        comments: [
          {
            id: 'c-file1',
            anchor: { kind: 'point', x: 1, y: 1 },
            author: { name: 'Bo', role: 'candidate' },
            createdAt: 1,
            text: 'From my file',
            mentions: [],
            replies: [],
            resolved: false,
          },
          {
            id: 'c-file2',
            anchor: { kind: 'point', x: 2, y: 2 },
            author: { name: 'Ann', role: 'interviewer' },
            createdAt: 2,
            text: 'Spoofed?',
            mentions: [],
            replies: [],
            resolved: false,
          },
        ],
      }),
    );
    expect(candidate.editor.replaceBoard(file)).toBe(true);
    const texts = candidate.store.getState().comments.map((t) => t.text);
    expect(texts).toEqual(['From my file', 'Why a queue?']);
    expect(texts).not.toContain('Mine, old');
    // The interviewer's thread, untouched, keeps the candidate's reply only when the file has it: it had not.
    expect(candidate.store.getState().comments.find((t) => t.id === theirs)!.replies).toEqual([]);
    expect(mine).toBeTruthy();
    // Nothing the import wrote names the interviewer, or removes what is theirs.
    const changes = new Y.Doc();
    Y.applyUpdate(changes, Y.encodeStateAsUpdate(interviewer.doc));
    Y.applyUpdate(changes, Y.encodeStateAsUpdate(candidate.doc, Y.encodeStateVector(interviewer.doc)));
    expect(threadsFromEntries(commentsOf(changes).entries()).map((t) => t.text)).toEqual([
      'From my file',
      'Why a queue?',
    ]);
    // Undo brings back the candidate's own.
    candidate.editor.undo();
    expect(
      candidate.store
        .getState()
        .comments.map((t) => t.text)
        .sort(),
    ).toEqual(['Mine, old', 'Why a queue?']);
  });
});

describe('private comments', () => {
  it('live in the private document only, and attach to a scorecard dimension', () => {
    const { doc: boardDoc, store } = openTestBoard();
    const priv = new Y.Doc();
    const id = addPrivateComment(priv, {
      anchor: { kind: 'block', id: 'db-1' },
      text: 'Did not justify the database',
      author: 'Ann',
      dimension: 'trade-offs',
    })!;
    expect(replyToPrivateComment(priv, id, { text: 'asked twice', author: 'Ann' })).toBe(true);
    setPrivateCommentResolved(priv, id, true, 'Ann');
    const [t] = readPrivateComments(priv);
    expect(t).toMatchObject({ dimension: 'trade-offs', resolved: true, author: { role: 'interviewer' } });
    expect(t!.replies).toHaveLength(1);
    setPrivateCommentDimension(priv, id, 'communication');
    expect(readPrivateComments(priv)[0]!.dimension).toBe('communication');
    setPrivateCommentDimension(priv, id, null);
    expect(readPrivateComments(priv)[0]!.dimension).toBeUndefined();
    expect(readPrivateComments(priv)[0]!.replies).toHaveLength(1);
    expect(store.getState().comments).toEqual([]);
    expect(boardDoc.getMap('comments').size).toBe(0);
  });

  it('reads an unknown dimension as none', () => {
    const priv = new Y.Doc();
    addPrivateComment(priv, { anchor: { kind: 'point', x: 0, y: 0 }, text: 'x', author: 'A', dimension: 'charisma' });
    expect(readPrivateComments(priv)[0]!.dimension).toBeUndefined();
  });
});
