// The cohort query file as the page holds it: the GraphQL input CohortQuery (journey.graphqls) plus
// "version", the one format of docs/trajectories.md. The builder's forms and the JSON view edit the
// same object in place, so a field the forms do not know stays in it and is written back unchanged.

import { t } from '../i18n';

/** The format's version this page writes and reads (journeys' CohortQueries.VERSION). */
export const VERSION = 1;

export const EVENT_TYPES = ['HOSPITAL_STAY', 'DRUG_DISPENSING', 'DRUG_PRESCRIPTION', 'MEDICAL_ACT', 'LAB_TEST', 'CONSULTATION', 'CONDITION', 'DEATH'] as const;
export const CODE_ROLES = ['PRINCIPAL', 'RELATED', 'ASSOCIATED', 'DRUG', 'ACT', 'CAUSE_OF_DEATH', 'OBSERVATION', 'OTHER'] as const;
export const OCCURRENCES = ['FIRST', 'LAST', 'ALL'] as const;
export const SIDES = ['START', 'END'] as const;
export const DIRECTIONS = ['AFTER', 'BEFORE'] as const;
export const COUNTS = ['AT_LEAST', 'AT_MOST', 'EXACTLY', 'NONE'] as const;
export const GROUPS = ['ALL', 'ANY', 'AT_LEAST'] as const;

/**
 * The code systems of queries and the catalog nomenclature their Code nodes are keyed under
 * (journeys' CodeSystem): a code picked from the catalog search becomes a pattern of its system.
 */
export const SYSTEMS: Record<string, string> = {
  ICD10: 'IR_CIM_V', ATC: 'ATC', CIP13: 'IR_PHA_R', CCAM: 'IR_CCAM_V63', SNOMED: 'SNOMED', LOINC: 'LOINC', RXNORM: 'RXNORM',
};

/** The system of a catalog code key (IR_CIM_V:I21 -> ICD10, I21), when its nomenclature is one of a system. */
export function patternOfKey(key: string): CodePattern | null {
  const at = key.indexOf(':');
  if (at <= 0) return null;
  const nomenclature = key.slice(0, at);
  const system = Object.keys(SYSTEMS).find((s) => SYSTEMS[s] === nomenclature);
  return system ? { system, prefix: key.slice(at + 1) } : null;
}

export type Json = Record<string, unknown>;
export interface CodePattern extends Json { system: string; prefix: string }
export interface EventCriterion extends Json { types?: string[]; codes?: CodePattern[]; roles?: string[]; minAge?: number; maxAge?: number }
export interface Condition extends Json {
  name?: string; event?: EventCriterion; anchor?: string; anchorSide?: string; eventSide?: string; direction?: string;
  minDays?: number; maxDays?: number; count?: string; times?: number; sameStay?: boolean; group?: string; conditions?: Condition[];
}
export interface Rule extends Json { label?: string; condition: Condition }
export interface Category extends Json { name: string; event: EventCriterion }
export interface PathwaySpec extends Json {
  categories: Category[]; depth?: number; combinationDays?: number; collapseRepeats?: boolean; maxDaysAfter?: number;
}
export interface CohortFile extends Json {
  version?: number;
  index: Json & { event: EventCriterion; occurrence?: string; washoutDays?: number; priorObservationDays?: number };
  rules?: Rule[];
  pathways?: PathwaySpec;
  suppressBelow?: number;
  project?: string;
}

/** An empty query: any hospital stay as the index event, no rule. */
export function emptyQuery(): CohortFile {
  return { version: VERSION, index: { event: { types: ['HOSPITAL_STAY'] }, occurrence: 'FIRST' }, rules: [], suppressBelow: 11 };
}

/** Where a JSON text is invalid, as the page says it: line and column of the parser's position. */
export class QueryTextError extends Error {}

/**
 * Reads a query file's text: the file in the current format and whether it was migrated. An
 * unversioned query's pathway categories given as a map name -> event (the older shape) become the
 * list of version 1, as the server's reader migrates them; a newer version, text that is not JSON or
 * a query without its index event is refused with a message in the page's language saying where.
 */
export function readQuery(text: string): { file: CohortFile; migrated: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new QueryTextError(t.cohort.invalidJson(where(text, (e as Error).message)));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new QueryTextError(t.cohort.builder.notAnObject);
  const file = parsed as CohortFile;
  if (file.version !== undefined && file.version !== VERSION) throw new QueryTextError(t.cohort.unknownVersion(String(file.version), VERSION));
  const index = file.index as unknown;
  if (!index || typeof index !== 'object' || !(index as Json).event || typeof (index as Json).event !== 'object') {
    throw new QueryTextError(t.cohort.builder.missing('index.event'));
  }
  let migrated = false;
  const categories = file.pathways?.categories as unknown;
  if (file.version === undefined && categories && typeof categories === 'object' && !Array.isArray(categories)) {
    file.pathways = { ...file.pathways, categories: Object.entries(categories).map(([name, event]) => ({ name, event: event as EventCriterion })) };
    migrated = true;
  }
  if (file.rules !== undefined && !Array.isArray(file.rules)) throw new QueryTextError(t.cohort.builder.notAList('rules'));
  if (file.pathways && !Array.isArray(file.pathways.categories)) throw new QueryTextError(t.cohort.builder.notAList('pathways.categories'));
  const { version: _ignored, ...rest } = file;
  return { file: { version: VERSION, ...rest } as CohortFile, migrated };
}

/** The parser's message with the line and column of its position, when it gives one. */
function where(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return t.cohort.builder.at(Number(lineColumn[1]), Number(lineColumn[2]));
  if (!position) return t.cohort.builder.atEnd;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return t.cohort.builder.at(line, before.length - before.lastIndexOf('\n'));
}

/** The GraphQL input of a file: the file without its version. */
export function toInput(file: CohortFile): Json {
  const { version: _ignored, ...input } = file;
  return input;
}

/** The file's text as the page writes it (two-space indent, as journeys' CohortQueries writes it). */
export function writeQuery(file: CohortFile): string {
  return JSON.stringify(file, null, 2);
}
