package org.healthgraph.graphql.catalog;

import java.util.List;

import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.JoinHop;
import org.healthgraph.catalog.JoinPath;
import org.healthgraph.catalog.JoinPathResult;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;

/** The GraphQL shapes of the catalog's records (plain strings for identifiers). */
final class CatalogViews {

    private CatalogViews() {
    }

    record DatasetView(String name, String title) {
        static DatasetView of(Dataset d) {
            return new DatasetView(d.name(), d.title());
        }
    }

    record TableView(String name, String title, String dataset, String scope, String observation, History history,
                     List<String> primaryKey) {
        static TableView of(Table t) {
            return new TableView(t.name().value(), t.title(), t.dataset(), t.scope(), t.observation(), t.history(),
                    t.primaryKey());
        }
    }

    record ConstraintView(String name, String value) {
    }

    record VariableView(String key, String table, String name, int position, String description, String type,
                        String length, String format, List<ConstraintView> constraints, String nomenclatureName,
                        String nomenclatureColumn, History history, String observation, String managementRule) {
        static VariableView of(Variable v) {
            return new VariableView(v.key(), v.ref().table().value(), v.ref().name(), v.position(), v.description(),
                    v.type(), v.length(), v.format(),
                    v.constraints().entrySet().stream().map(e -> new ConstraintView(e.getKey(), e.getValue())).toList(),
                    v.codedBy().map(c -> c.nomenclature().value()).orElse(null),
                    v.codedBy().flatMap(c -> c.column()).orElse(null), v.history(), v.observation(), v.managementRule());
        }
    }

    record ChangeView(String field, String oldValue, String newValue, String source, String at) {
        static ChangeView of(VariableChange c) {
            return new ChangeView(c.field(), c.oldValue(), c.newValue(), c.source(), c.at().toString());
        }
    }

    record ColumnView(String name, String type, ColumnRole role) {
    }

    record NomenclatureView(String name, String title, String source, List<ColumnView> columns, List<String> primaryKey) {
        static NomenclatureView of(Nomenclature n) {
            return new NomenclatureView(n.name().value(), n.title(), n.source(),
                    n.columns().stream().map(c -> new ColumnView(c.name(), c.type(), c.role())).toList(), n.primaryKey());
        }
    }

    record CodeColumnValue(String column, String value) {
    }

    record CodeView(String key, String code, String label, String nomenclature, List<CodeColumnValue> columns) {
        static CodeView of(Code c) {
            return new CodeView(c.key(), c.ref().code(), c.label(), c.ref().nomenclature().value(),
                    c.columns().entrySet().stream().map(e -> new CodeColumnValue(e.getKey(), e.getValue())).toList());
        }
    }

    record KeyPairView(String left, String right) {
        static List<KeyPairView> of(List<KeyPair> keys) {
            return keys.stream().map(k -> new KeyPairView(k.left(), k.right())).toList();
        }
    }

    record JoinView(String from, String to, List<KeyPairView> keys) {
        static JoinView of(Join j) {
            return new JoinView(j.from().value(), j.to().value(), KeyPairView.of(j.keys()));
        }
    }

    record HopView(String from, String to, List<KeyPairView> keys, boolean declaredForward) {
        static HopView of(JoinHop h) {
            return new HopView(h.from().value(), h.to().value(), KeyPairView.of(h.keys()), h.declaredForward());
        }
    }

    record PathView(int length, List<String> tables, List<HopView> hops) {
        static PathView of(JoinPath p) {
            return new PathView(p.length(), p.tables().stream().map(TableName::value).toList(),
                    p.hops().stream().map(HopView::of).toList());
        }
    }

    record JoinPathResultView(String from, String to, int maxHops, boolean found, String explanation,
                              List<PathView> paths) {
        static JoinPathResultView of(JoinPathResult r) {
            return new JoinPathResultView(r.from().value(), r.to().value(), r.maxHops(), r.found(), r.explanation(),
                    r.paths().stream().map(PathView::of).toList());
        }
    }
}
