package org.healthgraph.bench;

import com.tngtech.archunit.core.domain.JavaClasses;

import org.healthgraph.graph.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The architecture rules of design.md and style.md (see {@link ArchitectureRules}) on this module's production classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.productionClassesOf("bench");

    @Test
    void dependenciesOnOtherModulesPointOneWay() {
        ArchitectureRules.dependenciesPointOneWay().check(CLASSES);
    }

    @Test
    void noOtherModulesInternalPackageIsUsed() {
        ArchitectureRules.noForeignInternals().check(CLASSES);
    }

    @Test
    void eachInternalPackageServesOnlyItsParent() {
        ArchitectureRules.internalPackagesServeOnlyTheirParent().check(CLASSES);
    }
}
