import type { TImportProblem } from "@stoa/contracts";
import { findFile } from "./bundle.js";
import { parseCsv } from "./csv.js";
import { fileKinds, type FileKind, type FileMode, type OneRosterVersion } from "./model.js";
import { error, note } from "./problems.js";

/** What manifest.csv says, reconciled with the files actually in the bundle. */
export interface Manifest {
  version: OneRosterVersion;
  /** Mode of each imported file that is present and marked bulk or delta. */
  modes: Partial<Record<FileKind, FileMode>>;
  /** The file for each of those kinds (its name as found, e.g. `userprofiles.csv`). */
  files: Partial<Record<FileKind, { name: string; text: string }>>;
}

const file = "manifest.csv";

interface Property {
  /** The name as written (properties are matched case-insensitively). */
  name: string;
  value: string;
  line: number;
}

/**
 * Reads manifest.csv. A blank `file.<name>` value (catalyst writes `file.userProfiles,`) is read
 * as absent, with a note — unless that file is one Stoa imports and it is in the bundle: then the
 * intent is unclear and it is an error, because guessing bulk would deactivate records and
 * guessing delta would not.
 */
export function readManifest(bundle: Map<string, string>): { manifest: Manifest | null; problems: TImportProblem[] } {
  const found = findFile(bundle, file);
  if (!found)
    return {
      manifest: null,
      problems: [error(file, null, null, null, "a manifest.csv in the bundle, listing oneroster.version and the mode of each file")],
    };
  const { table, problems } = parseCsv(found.name, found.text);
  if (!table) return { manifest: null, problems };
  const [first, second] = table.header.map((h) => h.toLowerCase());
  if (first !== "propertyname" || second !== "value") {
    problems.push(error(file, table.headerLine, null, table.header.join(","), "the header propertyName,value"));
    return { manifest: null, problems };
  }
  const properties = new Map<string, Property>();
  for (const row of table.rows) {
    const name = row.fields[0] ?? "";
    if (name === "") continue;
    if (properties.has(name.toLowerCase())) problems.push(error(file, row.line, "propertyName", name, "each property once"));
    else properties.set(name.toLowerCase(), { name, value: row.fields[1] ?? "", line: row.line });
  }
  const manifestVersion = properties.get("manifest.version");
  if (manifestVersion?.value !== "1.0")
    problems.push(error(file, manifestVersion?.line ?? null, "manifest.version", manifestVersion?.value ?? null, "manifest.version 1.0"));
  const rosterVersion = properties.get("oneroster.version");
  const version = rosterVersion?.value === "1.1" || rosterVersion?.value === "1.2" ? rosterVersion.value : null;
  if (!version)
    problems.push(
      error(file, rosterVersion?.line ?? null, "oneroster.version", rosterVersion?.value ?? null, "oneroster.version 1.1 or 1.2"),
    );
  const { modes, files } = reconcile(bundle, properties, version ?? "1.2", problems);
  return { manifest: version ? { version, modes, files } : null, problems };
}

function reconcile(bundle: Map<string, string>, properties: Map<string, Property>, version: OneRosterVersion, problems: TImportProblem[]) {
  const modes: Partial<Record<FileKind, FileMode>> = {};
  const files: Partial<Record<FileKind, { name: string; text: string }>> = {};
  const imported = new Set<string>(fileKinds.map((k) => k.toLowerCase()));
  // roles.csv is a 1.2 file: in a 1.1 bundle, roles come from users.role.
  if (version === "1.1") imported.delete("roles");
  for (const [name, property] of properties) {
    if (!name.startsWith("file.")) continue;
    const shown = property.name;
    const mode = property.value.toLowerCase();
    if (mode !== "bulk" && mode !== "delta" && mode !== "absent" && mode !== "")
      problems.push(error(file, property.line, "value", property.value, `one of bulk, delta, absent for ${shown}`));
    const csv = `${name.slice(5)}.csv`;
    const present = findFile(bundle, csv);
    if (!imported.has(name.slice(5))) {
      if (present) problems.push(note(present.name, null, null, null, "not imported by Stoa: this file is ignored"));
      continue;
    }
    const kind = fileKinds.find((k) => k.toLowerCase() === name.slice(5)) as FileKind;
    if (mode === "bulk" || mode === "delta") {
      if (present) {
        modes[kind] = mode;
        files[kind] = present;
      } else
        problems.push(
          error(
            file,
            property.line,
            "value",
            property.value,
            `${kind}.csv in the bundle, since the manifest marks it ${mode} (or mark it absent)`,
          ),
        );
    } else if (present) {
      problems.push(
        error(file, property.line, "value", property.value, `bulk or delta for ${shown}, because ${present.name} is in the bundle`),
      );
    } else if (mode === "") {
      problems.push(note(file, property.line, "value", "", `a blank mode for ${shown} is read as absent`));
    }
  }
  for (const name of bundle.keys()) {
    const base = name.toLowerCase().replace(/\.csv$/, "");
    if (base === "manifest" || properties.has(`file.${base}`)) continue;
    if (imported.has(base))
      problems.push(error(file, null, `file.${base}`, null, `a line file.${base},bulk (or delta), because ${name} is in the bundle`));
    else problems.push(note(name, null, null, null, "not listed in manifest.csv and not imported by Stoa: this file is ignored"));
  }
  return { modes, files };
}
