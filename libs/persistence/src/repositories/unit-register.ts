import type { EntityManager } from 'typeorm';

/** A cycle's unit as the register sees it. */
export interface RegisteredUnit {
  id: string;
  name: string;
  categoryId: string;
}

/** A unit of an import whose id the register holds for another unit (or spells in another case). */
export interface UnitRegisterConflict {
  /** Where the unit stands in the import's list. */
  index: number;
  id: string;
  name: string;
  registeredId: string;
  registeredName: string;
}

/**
 * Registers the units of `cycleId` in the district's unit register, inside the import's
 * transaction, and returns the units whose id is registered for a unit of another name (or in
 * another case). New ids are added; a concurrent import of the same id waits for this one, so
 * two cycles cannot register one id with two names.
 */
export async function registerCycleUnits(
  manager: EntityManager,
  cycleId: string,
  units: readonly RegisteredUnit[],
): Promise<UnitRegisterConflict[]> {
  if (units.length === 0) return [];
  await manager.query(
    `INSERT INTO district_units (id, name, category_id, first_cycle_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], array_fill($4::text, ARRAY[cardinality($1::text[])]))
     ON CONFLICT DO NOTHING`,
    [units.map((unit) => unit.id), units.map((unit) => unit.name), units.map((unit) => unit.categoryId), cycleId],
  );
  const registered = (await manager.query(`SELECT id, name FROM district_units WHERE lower(id) = ANY($1)`, [
    units.map((unit) => unit.id.toLowerCase()),
  ])) as Array<{ id: string; name: string }>;
  const byFoldedId = new Map(registered.map((row) => [row.id.toLowerCase(), row]));
  return units.flatMap((unit, index): UnitRegisterConflict[] => {
    const row = byFoldedId.get(unit.id.toLowerCase());
    if (!row || (row.id === unit.id && sameName(row.name, unit.name))) return [];
    return [{ index, id: unit.id, name: unit.name, registeredId: row.id, registeredName: row.name }];
  });
}

/** The register's unit ids among `ids`. */
export async function registeredUnitIds(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = (await manager.query(`SELECT id FROM district_units WHERE id = ANY($1)`, [[...new Set(ids)]])) as Array<{
    id: string;
  }>;
  return rows.map((row) => row.id);
}

function sameName(a: string, b: string): boolean {
  return a.normalize('NFKC').trim() === b.normalize('NFKC').trim();
}
