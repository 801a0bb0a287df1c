import "server-only";
import { openDatabase, resolveDatabasePath, type AppDatabase } from "./connection";

// One connection per database file per process; cached on globalThis so dev reloads do not leak handles.
const cache = globalThis as unknown as { __mildDb?: Map<string, AppDatabase> };

export function getDb(): AppDatabase {
  const file = resolveDatabasePath();
  cache.__mildDb ??= new Map();
  let db = cache.__mildDb.get(file);
  if (!db) {
    db = openDatabase(file);
    cache.__mildDb.set(file, db);
  }
  return db;
}
