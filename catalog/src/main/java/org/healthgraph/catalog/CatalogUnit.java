package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one source file brings to the catalog, written by {@link CatalogWriter#write} in one
 * transaction: all of it or nothing. Relationships are made to entries of the same unit or already
 * in the graph (a variable's code list, a join's tables); a variable whose code list is absent is
 * written without the link.
 *
 * @param source where it comes from (a path relative to the imported folder), recorded in history
 * @param fingerprint a digest of the source's content: when the catalog already holds a unit of this
 *                    source with this fingerprint, writing it again is skipped
 * @param datasets datasets to upsert
 * @param tables tables to upsert (their dataset must be in {@code datasets} or already present)
 * @param variables variables to upsert (their table must be in {@code tables} or already present)
 * @param nomenclatures code lists to upsert
 * @param codes codes to upsert (their code list must be in {@code nomenclatures} or already present)
 * @param joins joins to upsert between tables already present or in this unit
 */
public record CatalogUnit(String source, Optional<String> fingerprint, List<Dataset> datasets, List<Table> tables,
                          List<Variable> variables, List<Nomenclature> nomenclatures, List<Code> codes,
                          List<Join> joins) {

    public CatalogUnit {
        Objects.requireNonNull(source, "source");
        fingerprint = fingerprint == null ? Optional.empty() : fingerprint;
        datasets = List.copyOf(datasets);
        tables = List.copyOf(tables);
        variables = List.copyOf(variables);
        nomenclatures = List.copyOf(nomenclatures);
        codes = List.copyOf(codes);
        joins = List.copyOf(joins);
    }

    /** An empty unit of this source, to fill with the {@code with...} methods. */
    public static CatalogUnit of(String source) {
        return new CatalogUnit(source, Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public CatalogUnit withFingerprint(String value) {
        return new CatalogUnit(source, Optional.of(value), datasets, tables, variables, nomenclatures, codes, joins);
    }

    public CatalogUnit withDatasets(List<Dataset> value) {
        return new CatalogUnit(source, fingerprint, value, tables, variables, nomenclatures, codes, joins);
    }

    public CatalogUnit withTables(List<Table> value) {
        return new CatalogUnit(source, fingerprint, datasets, value, variables, nomenclatures, codes, joins);
    }

    public CatalogUnit withVariables(List<Variable> value) {
        return new CatalogUnit(source, fingerprint, datasets, tables, value, nomenclatures, codes, joins);
    }

    public CatalogUnit withNomenclatures(List<Nomenclature> value) {
        return new CatalogUnit(source, fingerprint, datasets, tables, variables, value, codes, joins);
    }

    public CatalogUnit withCodes(List<Code> value) {
        return new CatalogUnit(source, fingerprint, datasets, tables, variables, nomenclatures, value, joins);
    }

    public CatalogUnit withJoins(List<Join> value) {
        return new CatalogUnit(source, fingerprint, datasets, tables, variables, nomenclatures, codes, value);
    }

    /** Number of entries (and joins) the unit holds. */
    public int size() {
        return datasets.size() + tables.size() + variables.size() + nomenclatures.size() + codes.size() + joins.size();
    }
}
