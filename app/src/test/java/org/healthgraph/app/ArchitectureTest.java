package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.healthgraph.catalog.archfixture.ForbiddenInternalUse;
import org.healthgraph.catalog.archfixture.ForbiddenSiblingInternalUse;
import org.healthgraph.graph.archfixture.ForbiddenUpwardUse;
import org.healthgraph.graph.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules on the app module's own classes, and the proof that each rule fails on a
 * deliberate violation (fixtures compiled with the app's tests only). Every other module checks its
 * own classes with the same rules in its own {@code ArchitectureTest}.
 */
class ArchitectureTest {

    private static final JavaClasses APP = ArchitectureRules.productionClassesOf("app");

    /**
     * The production classes of every module the application is made of (their classes or jars on this
     * class path; tests and test-jars left out). The benchmarks are not among them: they drive Neo4j
     * itself as a peer to measure against.
     */
    private static final JavaClasses ALL_MODULES = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("org.healthgraph");

    @Test
    void theAppsClassesAreImported() {
        assertThat(APP.stream().map(c -> c.getPackageName())).contains("org.healthgraph.app.config", "org.healthgraph.app.cli");
    }

    @Test
    void dependenciesBetweenModulesPointOneWay() {
        ArchitectureRules.dependenciesPointOneWay().check(APP);
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() {
        ArchitectureRules.noForeignInternals().check(APP);
    }

    @Test
    void eachInternalPackageServesOnlyItsParent() {
        ArchitectureRules.internalPackagesServeOnlyTheirParent().check(APP);
    }

    @Test
    void everyModuleIsImportedForTheQueryLanguageRules() {
        assertThat(ALL_MODULES.stream().map(c -> c.getPackageName())).contains("org.healthgraph.graph.internal.neo4j",
                "org.healthgraph.catalog.store.internal.gremlin", "org.healthgraph.journeys.store.internal.gremlin",
                "org.healthgraph.linkage.store.internal.neo4j", "org.healthgraph.importers.tableschema",
                "org.healthgraph.graphql.catalog");
        assertThat(ALL_MODULES.stream().map(c -> c.getName())).doesNotContain(
                org.healthgraph.catalog.archfixture.CypherOutsideAnAdapter.class.getName());
    }

    @Test
    void cypherIsWrittenOnlyInNeo4jAdaptersInEveryModule() {
        ArchitectureRules.cypherOnlyInNeo4jAdapters().check(ALL_MODULES);
    }

    @Test
    void gremlinIsWrittenOnlyInGremlinAdaptersInEveryModule() {
        ArchitectureRules.gremlinOnlyInGremlinAdapters().check(ALL_MODULES);
    }

    @Test
    void theQueryLanguageRulesFailOnDeliberateViolations() {
        JavaClasses fixture = new ClassFileImporter().importClasses(
                org.healthgraph.catalog.archfixture.CypherOutsideAnAdapter.class,
                org.healthgraph.catalog.archfixture.GremlinOutsideAnAdapter.class);

        assertThatThrownBy(() -> ArchitectureRules.cypherOnlyInNeo4jAdapters().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CypherOutsideAnAdapter")
                .hasMessageNotContaining("GremlinOutsideAnAdapter");
        assertThatThrownBy(() -> ArchitectureRules.gremlinOnlyInGremlinAdapters().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GremlinOutsideAnAdapter")
                .hasMessageNotContaining("CypherOutsideAnAdapter");
    }

    @Test
    void beansAreMadeInAppConfigOnlyInEveryModule() {
        ArchitectureRules.beansAreMadeInAppConfigOnly().check(ALL_MODULES);
    }

    @Test
    void theWiringRuleFailsOnDeliberateViolations() {
        JavaClasses fixture = new ClassFileImporter().importClasses(
                org.healthgraph.catalog.archfixture.BeanOutsideAppConfig.class,
                org.healthgraph.app.config.DemoConfiguration.class);

        assertThatThrownBy(() -> ArchitectureRules.beansAreMadeInAppConfigOnly().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BeanOutsideAppConfig is a Spring component outside")
                .hasMessageContaining("BeanOutsideAppConfig.helper() is a @Bean method outside")
                .hasMessageContaining("not @Value")
                .hasMessageNotContaining("DemoConfiguration");
    }

    @Test
    void theOneWayRuleFailsOnADeliberateViolation() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForbiddenUpwardUse.class, HealthgraphApplication.class);

        assertThatThrownBy(() -> ArchitectureRules.dependenciesPointOneWay().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenUpwardUse");
    }

    @Test
    void theInternalsRuleFailsOnADeliberateViolation() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForbiddenInternalUse.class,
                org.healthgraph.graph.internal.neo4j.EmbeddedNeo4j.class);

        assertThatThrownBy(() -> ArchitectureRules.noForeignInternals().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenInternalUse");
    }

    @Test
    void theInternalParentRuleFailsOnADeliberateViolationInsideOneModule() {
        JavaClasses fixture = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importClasses(ForbiddenSiblingInternalUse.class,
                        org.healthgraph.catalog.search.internal.Analysis.class);

        assertThatThrownBy(() -> ArchitectureRules.internalPackagesServeOnlyTheirParent().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenSiblingInternalUse")
                .hasMessageContaining("serves only org.healthgraph.catalog.search");
    }
}
