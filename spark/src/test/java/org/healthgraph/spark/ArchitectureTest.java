package org.healthgraph.spark;

import org.healthgraph.graph.testing.ModuleArchitectureTest;

/** The architecture rules of design.md and style.md on this module's production classes (see {@link ModuleArchitectureTest}). */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("spark");
    }
}
