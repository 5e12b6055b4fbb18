package org.healthgraph.catalog.curation;

import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.catalog.CatalogChangeListener;

/**
 * The child process of {@link CurationCrashIT}: opens a data folder and approves the proposals named
 * on its command line one after another, printing {@code approved <id>} after each. With
 * {@code --halt-after-commit} it halts (as SIGKILL stops a process: no shutdown hook, no finally) when
 * the first approval has committed in the graph, before the search index hears of it.
 */
public final class CurationCrashChild {

    private CurationCrashChild() {
    }

    public static void main(String[] args) {
        boolean halt = args[1].equals("--halt-after-commit");
        CatalogChangeListener halting = change -> {
            System.out.println("halting after the commit of " + change.source());
            System.out.flush();
            Runtime.getRuntime().halt(137);
        };
        CrashWorld world = new CrashWorld(Path.of(args[0]), halt ? Optional.of(halting) : Optional.empty());
        System.out.println("opened");
        System.out.flush();
        for (int i = 2; i < args.length; i++) {
            world.curation.approve(args[i], "bob", "ok");
            System.out.println("approved " + args[i]);
            System.out.flush();
        }
        world.close();
        System.exit(0);
    }
}
