package org.healthgraph.graph.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClasses;

import org.junit.jupiter.api.Test;

/**
 * The architecture rules every module checks on its own production classes (see
 * {@link ArchitectureRules}): a module's {@code ArchitectureTest} extends this class and names the
 * module. The app module's test adds the rules that span modules and the fixtures that prove each
 * rule fails.
 */
public abstract class ModuleArchitectureTest {

    /** Imported once per module and JVM: JUnit makes a new instance for every test method. */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private final String module;

    /** @param module the module's package under {@code org.healthgraph} ({@code catalog}, {@code journeys}...) */
    protected ModuleArchitectureTest(String module) {
        this.module = module;
    }

    private JavaClasses classes() {
        return IMPORTED.computeIfAbsent(module, ArchitectureRules::productionClassesOf);
    }

    @Test
    void dependenciesOnOtherModulesPointOneWay() {
        ArchitectureRules.dependenciesPointOneWay().check(classes());
    }

    @Test
    void noOtherModulesInternalPackageIsUsed() {
        ArchitectureRules.noForeignInternals().check(classes());
    }

    @Test
    void eachInternalPackageServesOnlyItsParent() {
        ArchitectureRules.internalPackagesServeOnlyTheirParent().check(classes());
    }
}
