/**
 * Follow-up prompts for the interviewer: from the findings and the design, the
 * questions an experienced interviewer asks next, grouped by step of the
 * 8-step framework. A pure function of its inputs; the interviewer's panel
 * shows them, never the candidate's.
 */
import { PHASES, type PhaseId } from '../interview/phases';
import { formatCount } from '../estimate/units';
import type { LintFacts } from './facts';
import type { Finding } from './types';

/** One question, with the blocks it is about (to select and zoom to). */
export interface FollowUp {
  step: PhaseId;
  question: string;
  blocks: string[];
}

/** The questions of one step, in the framework's order. */
export interface FollowUpGroup {
  step: PhaseId;
  label: string;
  questions: FollowUp[];
}

/** Peak writes a second beyond which one relational primary (about 5K/s) needs a word on sharding. */
export const SHARDING_WRITE_QPS = 5_000;
/** Fan-out beyond which writing to every follower's timeline needs a plan for the heaviest users. */
export const LARGE_FAN_OUT = 100;

/** The follow-up questions for a board and its findings, grouped by interview step. */
export function followUps(facts: LintFacts, findings: readonly Finding[]): FollowUpGroup[] {
  const out: FollowUp[] = [];
  const ask = (step: PhaseId, question: string, blocks: string[] = []) => out.push({ step, question, blocks });
  const e = facts.estimate;
  const { reads, writes, reached } = facts.load;

  if (e.peakQps === 0)
    ask('estimation', 'How many users a day, and how many reads and writes each? What is the peak a second?');
  if (facts.availability === undefined)
    ask('requirements', 'What availability does the system need, and what may fail without users noticing?');

  for (const f of findings) {
    if (f.rule === 'single-point-of-failure' && f.blocks[0] !== undefined) {
      const i = facts.indexById.get(f.blocks[0]);
      if (i === undefined) continue;
      const name = facts.nameOf(i);
      if (facts.has(i, 'cache')) continue; // asked below, with its figures
      ask('evaluation', `${name} is one instance: what happens to requests while it restarts, and who notices?`, [
        f.blocks[0],
      ]);
    } else if (f.rule === 'under-provisioned') {
      ask('evaluation', `${f.message} How would you scale it: more instances, sharding or a cache in front?`, f.blocks);
    } else if (f.rule === 'missing-cache') {
      ask('detailed-design', `${f.message} What would you cache, and how is it invalidated on a write?`, f.blocks);
    }
  }

  for (let i = 0; i < facts.size; i++) {
    if (!reached[i]) continue;
    const name = facts.nameOf(i);
    const id = facts.id(i);
    if (facts.has(i, 'cache') && facts.tierInstances[facts.tierOf[i]!] === 1 && !facts.redundant[i]) {
      const behind = reads[i]! > 0 ? ` the ${formatCount(reads[i]!)} reads/s it answers would reach the database:` : '';
      ask('evaluation', `${name} is one instance: when it restarts cold,${behind} what happens to the database?`, [id]);
    }
    if (facts.isDatabase(i) && facts.has(i, 'datastore') && writes[i]! > SHARDING_WRITE_QPS && facts.capacityOf(i)) {
      ask(
        'storage-schema',
        `Writes are ${formatCount(writes[i]!)}/s at peak at ${name}: how is it sharded, and by which key?`,
        [id],
      );
    }
    if (facts.has(i, 'queue'))
      ask(
        'detailed-design',
        `What happens when the consumers of ${name} fall behind, and how are duplicate deliveries handled?`,
        [id],
      );
    if (facts.has(i, 'cdn')) ask('detailed-design', `How is content at ${name} invalidated when a file changes?`, [id]);
    if (facts.isCopy[i] && !facts.isStandby[i] && facts.requirements.consistency === 'strong')
      ask(
        'evaluation',
        `Reads go to ${name}, a replica: how does a user read their own write under strong consistency?`,
        [id],
      );
  }
  facts.board.links.forEach((link, l) => {
    if (facts.fanOutOf(l) >= LARGE_FAN_OUT)
      ask(
        'detailed-design',
        `Each write fans out to ${formatCount(facts.fanOutOf(l))}: what about users with millions of followers?`,
        [link.from, link.to],
      );
  });
  if ((facts.availability ?? 0) >= 99.99 && facts.countWithRole('frame') < 2)
    ask('evaluation', 'The target is 99.99%: what happens when a whole region or data centre goes down?');

  return PHASES.map((p) => ({ step: p.id, label: p.label, questions: out.filter((q) => q.step === p.id) })).filter(
    (g) => g.questions.length > 0,
  );
}
