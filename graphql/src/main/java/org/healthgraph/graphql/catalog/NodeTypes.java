package org.healthgraph.graphql.catalog;

import java.util.Map;

import org.healthgraph.graphql.catalog.CatalogViews.CodeView;
import org.healthgraph.graphql.catalog.CatalogViews.DatasetView;
import org.healthgraph.graphql.catalog.CatalogViews.NomenclatureView;
import org.healthgraph.graphql.catalog.CatalogViews.TableView;
import org.healthgraph.graphql.catalog.CatalogViews.VariableView;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import graphql.schema.idl.RuntimeWiring;

/** Tells GraphQL which object type a {@code Node} is, from the view class that carries it. */
public final class NodeTypes implements RuntimeWiringConfigurer {

    private static final Map<Class<?>, String> TYPES = Map.of(DatasetView.class, "Dataset", TableView.class, "Table",
            VariableView.class, "Variable", NomenclatureView.class, "Nomenclature", CodeView.class, "Code");

    @Override
    public void configure(RuntimeWiring.Builder builder) {
        builder.type("Node", type -> type.typeResolver(env -> {
            String name = TYPES.get(env.getObject().getClass());
            return name == null ? null : env.getSchema().getObjectType(name);
        }));
    }
}
