import { loadConfig } from "./config.js";
import { migrateDatabase, openDatabase } from "./db/client.js";
import { runImportCommand } from "./modules/oneroster/oneroster.cli.js";
import { createDistrictWithAdmin } from "./modules/organisation/district.service.js";

const usage = `Usage: npm run stoa -- <command>

Commands:
  create district <name> --admin <username> [--email <email>]
      Create a district and its first district administrator; prints a one-time password.
  import oneroster <zip-or-folder> [--district <sourcedId or name>]
      Validate a OneRoster 1.1/1.2 CSV bundle, then apply it in one transaction.
`;

/** `create district <name> --admin <username> [--email <email>]`. */
async function createDistrictCommand(args: string[]): Promise<number> {
  const name = args[0];
  const option = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? (args[i + 1] ?? null) : null;
  };
  const adminUsername = option("--admin");
  if (!name || name.startsWith("--") || !adminUsername) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STOA_DATA_DIR });
  try {
    await migrateDatabase(database);
    const { district, admin, password } = await createDistrictWithAdmin(database.db, { name, adminUsername, adminEmail: option("--email") });
    console.log(`Created district "${district.name}" with administrator ${admin.username}.`);
    console.log(`One-time password: ${password}  (sign in and change it from your profile)`);
    return 0;
  } finally {
    await database.close();
  }
}

/** The `stoa` command line: administrative tasks against the configured database. */
async function main(args: string[]) {
  const [command, kind, ...rest] = args;
  if (command === "import" && kind === "oneroster") return runImportCommand(rest);
  if (command === "create" && kind === "district") return createDistrictCommand(rest);
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
