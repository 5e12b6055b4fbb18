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
