import { describe, expect, it } from 'vitest';
import { inlineText, isSafeImageSource, doc } from './document';

describe('isSafeImageSource', () => {
  it.each([
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['data:image/svg+xml;base64,PHN2Zz4=', true],
    ['board.png', true],
    ['board (1).png', true],
    ['exports/board-2025.png', true],
    ['https://example.com/board.png', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['data:image/png;base64,abc"onerror="x', false],
    ['//evil.example/x.png', false],
    ['board.png" onerror="alert(1)', false],
    ['https://example.com/x.png"><script>', false],
    ['', false],
  ])('%s → %s', (src, safe) => expect(isSafeImageSource(src)).toBe(safe));
});

describe('inlineText', () => {
  it('joins the text of spans', () => expect(inlineText(['a ', doc.strong('b'), doc.inlineCode(' c')])).toBe('a b c'));
});
