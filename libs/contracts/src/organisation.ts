/** A category of a cycle by name (单位类别), as people read it. */
export interface CategoryName {
  id: string;
  name: string;
}

/** A unit of a cycle by name (责任单位), with its category. */
export interface UnitName {
  id: string;
  name: string;
  categoryId: string;
}

/** Who takes part in a cycle, by name: what screens show instead of ids (GET /cycles/{cycleId}). */
export interface CycleOrganisation {
  categories: CategoryName[];
  units: UnitName[];
}
