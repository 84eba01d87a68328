/** One instruction of a Dockerfile: `RUN npm ci` → { keyword: 'RUN', args: 'npm ci' }. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: its `FROM` image, optional `AS` name and instructions after `FROM`. */
export interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/**
 * Splits a Dockerfile into stages, joining `\` continuation lines and dropping comments.
 * Enough for static checks of our own Dockerfiles; not a full Dockerfile parser (no heredocs,
 * no escape directive).
 */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push((pending + line).trim());
    pending = '';
  }
  if (pending.trim() !== '') logical.push(pending.trim());
  const stages: Stage[] = [];
  for (const line of logical.filter((l) => l !== '')) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ image: match?.[1] ?? args, name: match?.[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** Arguments of every `keyword` instruction in `stage`, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}
