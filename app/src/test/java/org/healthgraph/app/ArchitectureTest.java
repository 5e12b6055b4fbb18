package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.healthgraph.catalog.archfixture.ForbiddenInternalUse;
import org.healthgraph.graph.archfixture.ForbiddenUpwardUse;
import org.junit.jupiter.api.Test;

/** The module rules of design.md and style.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.healthgraph");

    @Test
    void theProductionCodeHoldsEveryModule() {
        assertThat(PRODUCTION.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("graph", "graphql", "app");
    }

    @Test
    void dependenciesBetweenModulesPointOneWay() {
        ModuleRules.dependenciesPointOneWay().check(PRODUCTION);
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() {
        ModuleRules.noForeignInternals().check(PRODUCTION);
    }

    @Test
    void theOneWayRuleFailsOnADeliberateViolation() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForbiddenUpwardUse.class,
                org.healthgraph.app.HealthgraphApplication.class);

        assertThatThrownBy(() -> ModuleRules.dependenciesPointOneWay().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenUpwardUse");
    }

    @Test
    void theInternalsRuleFailsOnADeliberateViolation() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForbiddenInternalUse.class,
                org.healthgraph.graph.internal.neo4j.EmbeddedNeo4j.class);

        assertThatThrownBy(() -> ModuleRules.noForeignInternals().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenInternalUse");
    }
}
