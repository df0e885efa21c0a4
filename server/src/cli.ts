import { runImportCommand } from "./modules/oneroster/oneroster.cli.js";

const usage = `Usage: npm run stoa -- <command>

Commands:
  import oneroster <zip-or-folder> [--district <sourcedId or name>]
      Validate a OneRoster 1.1/1.2 CSV bundle, then apply it in one transaction.
`;

/** The `stoa` command line: administrative tasks against the configured database. */
async function main(args: string[]) {
  const [command, kind, ...rest] = args;
  if (command === "import" && kind === "oneroster") return runImportCommand(rest);
  console.error(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
