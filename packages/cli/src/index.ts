import { UsageError, type Command } from './command.ts';

/** Subcommands load lazily so `weibao --help` stays fast. */
const commands: Record<string, () => Promise<{ command: Command }>> = {
  start: () => import('./commands/start.ts'),
  calendar: () => import('./commands/calendar.ts'),
  mail: () => import('./commands/mail.ts'),
  audit: () => import('./commands/audit.ts'),
  export: () => import('./commands/export.ts'),
  import: () => import('./commands/import.ts'),
  doc: () => import('./commands/doc.ts'),
  queue: () => import('./commands/queue.ts'),
  'open-work': () => import('./commands/open-work.ts'),
  tickets: () => import('./commands/tickets.ts'),
  hospitals: () => import('./commands/hospitals.ts'),
  rollups: () => import('./commands/rollups.ts'),
  'restore-drill': () => import('./commands/restore-drill.ts'),
};

function help(): string {
  return [
    'weibao: operate the 维保 service.',
    '',
    'Usage: npx weibao <command> [options]',
    '',
    'Commands:',
    ...Object.keys(commands).map((name) => `  ${name}`),
    '',
    'Run `npx weibao <command> --help` for one command’s options.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const load = commands[name];
  if (!load) {
    console.error(`weibao: unknown command "${name}". Run \`npx weibao --help\` for the list.`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`weibao ${name}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
