/** Creates a board on the server (POST /api/boards) and returns the interviewer's page URL. */
export async function createBoard(body: { template?: string; title?: string }): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/boards', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error('The server cannot be reached: a new board needs it.');
  }
  const answer = (await response.json().catch(() => ({}))) as { links?: { interviewer?: string }; error?: string };
  if (!response.ok || !answer.links?.interviewer)
    throw new Error(answer.error ?? `The server answered ${response.status}.`);
  return answer.links.interviewer;
}
