package org.healthgraph.app;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The module rules of design.md: {@code app -> graphql -> {catalog, journeys, linkage} -> graph}
 * and {@code importers -> {catalog, journeys, linkage, graph}}, nothing imports {@code app}; and no module
 * reaches into another module's {@code internal} packages.
 */
final class ModuleRules {

    private ModuleRules() {
    }

    static ArchRule dependenciesPointOneWay() {
        return Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("graph").definedBy("org.healthgraph.graph..")
                .layer("catalog").definedBy("org.healthgraph.catalog..")
                .layer("journeys").definedBy("org.healthgraph.journeys..")
                .layer("linkage").definedBy("org.healthgraph.linkage..")
                .layer("importers").definedBy("org.healthgraph.importers..")
                .layer("graphql").definedBy("org.healthgraph.graphql..")
                .layer("bench").definedBy("org.healthgraph.bench..")
                .layer("app").definedBy("org.healthgraph.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("graphql").mayOnlyBeAccessedByLayers("app")
                .whereLayer("importers").mayOnlyBeAccessedByLayers("app", "bench")
                .whereLayer("catalog").mayOnlyBeAccessedByLayers("graphql", "importers", "app", "bench")
                .whereLayer("journeys").mayOnlyBeAccessedByLayers("graphql", "importers", "app", "bench")
                .whereLayer("linkage").mayOnlyBeAccessedByLayers("graphql", "importers", "app", "bench")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("catalog", "journeys", "linkage", "importers", "graphql", "app",
                        "bench");
    }

    static ArchRule noForeignInternals() {
        return classes().that().resideInAPackage("org.healthgraph..")
                .should(new ArchCondition<JavaClass>("not use another module's internal packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String module = moduleOf(origin.getPackageName());
                        origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                            String target = dependency.getTargetClass().getPackageName();
                            if (target.startsWith("org.healthgraph.") && target.contains(".internal")
                                    && !moduleOf(target).equals(module)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                });
    }

    private static String moduleOf(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }
}
