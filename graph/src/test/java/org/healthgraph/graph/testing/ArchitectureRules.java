package org.healthgraph.graph.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures;

/**
 * The architecture rules of design.md and style.md, written once and checked by every module on its
 * own production classes (each module's {@code ArchitectureTest}), bench included:
 * <ul>
 *   <li>dependencies between modules point one way: {@code app -> graphql -> {catalog, journeys,
 *       linkage} -> graph}, {@code importers -> {catalog, journeys, linkage, graph}}, {@code bench} may
 *       use the domain modules and importers, {@code spark -> {journeys, linkage, graph}} and only
 *       {@code bench} uses {@code spark}, nothing uses {@code app};</li>
 *   <li>no module reaches into another module's {@code internal} packages;</li>
 *   <li>inside a module, an {@code internal} package serves only its parent: {@code a.b.internal..}
 *       is used only from {@code a.b} and its subpackages;</li>
 *   <li>query languages stay in their adapters: only classes of a {@code ..neo4j..} package use Cypher
 *       (the methods of {@code org.healthgraph.graph.neo4j}, the Neo4j driver or database), and only
 *       classes of a {@code ..gremlin..} package use Gremlin (the methods of
 *       {@code org.healthgraph.graph.gremlin}, Apache TinkerPop). Getting an adapter's view of a store
 *       ({@code Neo4jGraph.require}, {@code GremlinGraph.require}) is allowed anywhere: factories choose
 *       the adapter with it.</li>
 * </ul>
 * The app module's {@code ArchitectureTest} also proves that each rule fails on a deliberate violation.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The production classes (no tests, no jars) of one module, {@code org.healthgraph.<module>..}. */
    public static JavaClasses productionClassesOf(String module) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.healthgraph." + module);
    }

    public static ArchRule dependenciesPointOneWay() {
        return Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("graph").definedBy("org.healthgraph.graph..")
                .layer("catalog").definedBy("org.healthgraph.catalog..")
                .layer("journeys").definedBy("org.healthgraph.journeys..")
                .layer("linkage").definedBy("org.healthgraph.linkage..")
                .layer("importers").definedBy("org.healthgraph.importers..")
                .layer("graphql").definedBy("org.healthgraph.graphql..")
                .layer("spark").definedBy("org.healthgraph.spark..")
                .layer("bench").definedBy("org.healthgraph.bench..")
                .layer("app").definedBy("org.healthgraph.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("graphql").mayOnlyBeAccessedByLayers("app")
                .whereLayer("spark").mayOnlyBeAccessedByLayers("bench")
                .whereLayer("importers").mayOnlyBeAccessedByLayers("app", "bench")
                .whereLayer("catalog").mayOnlyBeAccessedByLayers("graphql", "importers", "app", "bench")
                .whereLayer("journeys").mayOnlyBeAccessedByLayers("graphql", "importers", "spark", "app", "bench")
                .whereLayer("linkage").mayOnlyBeAccessedByLayers("graphql", "importers", "spark", "app", "bench")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("catalog", "journeys", "linkage", "importers", "graphql", "spark",
                        "app", "bench");
    }

    public static ArchRule noForeignInternals() {
        return classes().that().resideInAPackage("org.healthgraph..")
                .should(new ArchCondition<JavaClass>("not use another module's internal packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String module = moduleOf(origin.getPackageName());
                        origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                            String target = dependency.getTargetClass().getPackageName();
                            if (target.startsWith("org.healthgraph.") && isInternal(target)
                                    && !moduleOf(target).equals(module)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                });
    }

    public static ArchRule internalPackagesServeOnlyTheirParent() {
        return classes().that().resideInAPackage("org.healthgraph..")
                .should(new ArchCondition<JavaClass>("use an internal package only from that package's parent") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String from = origin.getPackageName();
                        origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                            String target = dependency.getTargetClass().getPackageName();
                            if (!target.startsWith("org.healthgraph.") || !isInternal(target)) {
                                return;
                            }
                            String parent = parentOfInternal(target);
                            if (!from.equals(parent) && !from.startsWith(parent + ".")) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                        + " (" + target + " serves only " + parent + ")"));
                            }
                        });
                    }
                });
    }

    /**
     * One wiring place: Spring beans are declared in {@code org.healthgraph.app.config} only (no
     * {@code @Component}, {@code @Service} or {@code @Configuration} class, no {@code @Bean} method
     * elsewhere but the application class; GraphQL controllers keep their {@code @Controller} annotation, which Spring's
     * annotated-controller support reads, and are made by app/config), and no setting is read with
     * {@code @Value}: settings are the typed records of {@code HealthgraphProperties}.
     */
    public static ArchRule beansAreMadeInAppConfigOnly() {
        String config = "org.healthgraph.app.config";
        return classes().that().resideInAPackage("org.healthgraph..")
                .should(new ArchCondition<JavaClass>("be wired in " + config + " only (beans, @Bean methods, no @Value)") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        boolean inConfig = c.getPackageName().equals(config) || c.getPackageName().startsWith(config + ".");
                        if (!inConfig && c.isMetaAnnotatedWith("org.springframework.stereotype.Component")
                                && !c.isMetaAnnotatedWith("org.springframework.stereotype.Controller")
                                && !c.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")) {
                            events.add(SimpleConditionEvent.violated(c, c.getName()
                                    + " is a Spring component outside " + config + " (declare it with a @Bean there)"));
                        }
                        c.getMethods().forEach(m -> {
                            if (!inConfig && m.isAnnotatedWith("org.springframework.context.annotation.Bean")) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " is a @Bean method outside "
                                        + config));
                            }
                        });
                        c.getDirectDependenciesFromSelf().forEach(d -> {
                            if (d.getTargetClass().getName().equals("org.springframework.beans.factory.annotation.Value")) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                        + " (settings are read through HealthgraphProperties, not @Value)"));
                            }
                        });
                    }
                });
    }

    /** Only {@code ..neo4j..} packages use Cypher: {@code org.healthgraph.graph.neo4j}'s methods, or Neo4j's own classes. */
    public static ArchRule cypherOnlyInNeo4jAdapters() {
        return queryLanguageOnlyIn("neo4j", "org.healthgraph.graph.neo4j", "org.neo4j.", "Cypher");
    }

    /** Only {@code ..gremlin..} packages use Gremlin: {@code org.healthgraph.graph.gremlin}'s methods, or TinkerPop's classes. */
    public static ArchRule gremlinOnlyInGremlinAdapters() {
        return queryLanguageOnlyIn("gremlin", "org.healthgraph.graph.gremlin", "org.apache.tinkerpop.", "Gremlin");
    }

    private static ArchRule queryLanguageOnlyIn(String adapterPackage, String portPackage, String library, String language) {
        return classes().that().resideInAPackage("org.healthgraph..").and().resideOutsideOfPackage(".." + adapterPackage + "..")
                .should(new ArchCondition<JavaClass>("not use " + language + " (outside a .." + adapterPackage + ".. package)") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        origin.getMethodCallsFromSelf().forEach(call -> {
                            String owner = call.getTargetOwner().getPackageName();
                            if (owner.equals(portPackage) && !call.getName().equals("require")) {
                                events.add(SimpleConditionEvent.violated(call, call.getDescription() + " (" + language
                                        + " belongs in a .." + adapterPackage + ".. package)"));
                            }
                        });
                        origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                            if (dependency.getTargetClass().getName().startsWith(library)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + " ("
                                        + language + " belongs in a .." + adapterPackage + ".. package)"));
                            }
                        });
                    }
                });
    }

    /** The package an internal package belongs to: {@code a.b} for {@code a.b.internal.c}. */
    static String parentOfInternal(String packageName) {
        int at = packageName.indexOf(".internal");
        return packageName.substring(0, at);
    }

    private static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    private static String moduleOf(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }
}
