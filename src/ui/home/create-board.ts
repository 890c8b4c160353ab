/**
 * Creates a board on the server (POST /api/boards) and returns the
 * interviewer's page URL. A server started with ARCHBOARD_CREATE_TOKEN
 * answers 401 without its token: the home page then asks for it, and this
 * browser remembers it for the next board.
 */
const CREATE_TOKEN_KEY = 'archboard:create-token';

/** The server wants a creation token (none was remembered, or the one remembered is wrong). */
export class CreateTokenRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreateTokenRequiredError';
  }
}

/** Remembers the creation token for this browser. */
export function rememberCreateToken(token: string): void {
  localStorage.setItem(CREATE_TOKEN_KEY, token.trim());
}

/** `mode: 'solo'` (with a template): solo practice, where the board plays the interviewer. */
export async function createBoard(body: { template?: string; title?: string; mode?: 'solo' }): Promise<string> {
  const token = localStorage.getItem(CREATE_TOKEN_KEY);
  let response: Response;
  try {
    response = await fetch('/api/boards', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error('The server cannot be reached: a new board needs it.');
  }
  const answer = (await response.json().catch(() => ({}))) as { links?: { interviewer?: string }; error?: string };
  if (response.status === 401) {
    localStorage.removeItem(CREATE_TOKEN_KEY);
    throw new CreateTokenRequiredError(
      token ? 'That creation token is not the right one.' : (answer.error ?? 'A creation token is required.'),
    );
  }
  if (!response.ok || !answer.links?.interviewer)
    throw new Error(answer.error ?? `The server answered ${response.status}.`);
  return answer.links.interviewer;
}
