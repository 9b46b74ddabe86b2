import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { connect } from './connect.js';
import { migrate, MigrationError } from './migrate.js';

let database: TestDatabase | undefined;
afterEach(async () => database?.drop());

/** A cloned database already carries the real history; these tests start their own. */
async function emptyHistory(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await db.pool.query('DROP TABLE schema_migrations');
  return db;
}

function migrationsIn(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-migrations-'));
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

describe('migrations: one linear, forward-only history', () => {
  it('applies each migration once even when two instances start together', async () => {
    database = await emptyHistory();
    const dir = migrationsIn({
      '0100_a.sql': 'CREATE TABLE race_a (id int); SELECT pg_sleep(0.2);',
      '0101_b.sql': 'CREATE TABLE race_b (id int);',
    });
    const other = connect(database.url);
    try {
      const [first, second] = await Promise.all([migrate(database.pool, dir), migrate(other.pool, dir)]);
      expect([...first, ...second].sort()).toEqual(['0100_a.sql', '0101_b.sql']);
    } finally {
      await other.close();
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    database = await emptyHistory();
    const dir = migrationsIn({ '0100_a.sql': 'CREATE TABLE edited (id int);' });
    await migrate(database.pool, dir);
    fs.writeFileSync(path.join(dir, '0100_a.sql'), 'CREATE TABLE edited (id bigint);');
    await expect(migrate(database.pool, dir)).rejects.toThrow(MigrationError);
  });

  it('rolls a failing migration back whole and reports which one failed', async () => {
    database = await emptyHistory();
    const dir = migrationsIn({ '0100_bad.sql': 'CREATE TABLE half (id int); SELECT no_such_function();' });
    await expect(migrate(database.pool, dir)).rejects.toThrow(/0100_bad\.sql/);
    const { rows } = await database.pool.query("SELECT to_regclass('half') AS t");
    expect(rows[0].t).toBeNull();
  });
});
