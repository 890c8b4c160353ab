/**
 * The Mermaid flowcharts kept in Markdown: each ```` ```mermaid ```` block
 * with the line its first chart line is on, and the front matter's
 * requirements (YAML between `---` lines at the top).
 */
import { parse as parseYaml } from 'yaml';
import { isMermaidFlowchart } from './mermaid';

export interface MermaidBlock {
  /** 1-based line of the block's first line inside the fence. */
  line: number;
  source: string;
}

/** Every ```mermaid (or ~~~mermaid) fenced block that holds a flowchart, in order. */
export function mermaidBlocks(markdown: string): MermaidBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: MermaidBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s{0,3}(`{3,}|~{3,})\s*mermaid\b/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    while (
      j < lines.length &&
      !new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(lines[j]!)
    )
      body.push(lines[j++]!);
    const source = body.join('\n');
    if (isMermaidFlowchart(source)) blocks.push({ line: i + 2, source });
    i = j;
  }
  return blocks;
}

/** The parsed YAML front matter of a Markdown file, or undefined when it has none. Throws on YAML that does not parse. */
export function frontMatter(markdown: string): unknown {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(markdown);
  return m ? parseYaml(m[1]!) : undefined;
}
