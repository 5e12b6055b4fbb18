package org.healthgraph.catalog.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.search.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed during an approval (a real child JVM over an embedded Neo4j data folder, stopped
 * as SIGKILL stops it): after the restart each proposal is applied fully or not at all, and its
 * history, the search index and the graph agree. Each proposal changes the description and tags of
 * 300 variables, so that a kill lands inside its transaction as often as between two.
 */
class CurationCrashIT {

    @TempDir
    Path dir;

    @Test
    void aProcessHaltedAfterTheCommitBeforeTheIndexHeardOfItIsCaughtUpAtTheNextStart() throws Exception {
        Path data = dir.resolve("halted");
        List<Proposal> proposals = prepare(data, 1);

        Child child = start(data, "--halt-after-commit", proposals);
        assertThat(child.process().waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(child.process().exitValue()).as(child.output()).isEqualTo(137);
        assertThat(child.output()).contains("halting after the commit of curation:" + proposals.getFirst().id());

        try (CrashWorld world = new CrashWorld(data, Optional.empty())) {
            assertThat(world.told).isEqualTo(1);
            assertWhollyAppliedOrNot(world, proposals);
            assertThat(world.curation.proposal(proposals.getFirst().id()).orElseThrow().status())
                    .isEqualTo(ProposalStatus.APPROVED);
        }
        try (CrashWorld again = new CrashWorld(data, Optional.empty())) {
            assertThat(again.told).as("told once only").isZero();
        }
    }

    @Test
    void aProcessKilledAtRandomMomentsOfItsApprovalsLeavesEachProposalAppliedFullyOrNotAtAll() throws Exception {
        Path data = dir.resolve("killed");
        List<Proposal> proposals = prepare(data, CrashWorld.PROPOSALS);
        List<String> report = new ArrayList<>();
        // After the first approval printed, a little later (inside the next one's transaction, or
        // between two), and without waiting for any.
        long[] delays = {30, 400, -1};
        for (long delay : delays) {
            List<Proposal> open;
            try (CrashWorld world = new CrashWorld(data, Optional.empty())) {
                open = proposals.stream().filter(p -> world.curation.proposal(p.id()).orElseThrow().status()
                        == ProposalStatus.OPEN).toList();
            }
            if (open.isEmpty()) {
                break;
            }
            Child child = start(data, "--approve", open);
            child.awaitLine("opened", 3);
            long printed = delay < 0 ? 0 : child.awaitApproval(3);
            Thread.sleep(delay < 0 ? 2_000 : delay);
            child.process().destroyForcibly();
            assertThat(child.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
            try (CrashWorld world = new CrashWorld(data, Optional.empty())) {
                long approved = assertWhollyAppliedOrNot(world, proposals);
                report.add("killed " + (delay < 0 ? "2000 ms after opening" : delay + " ms after the approval printed at "
                        + printed + " ms") + ": " + approved + " of " + proposals.size()
                        + " approved, " + world.told + " told again at restart, exit " + child.process().exitValue());
            }
        }
        report.forEach(System.out::println);
        assertThat(report).isNotEmpty();
    }

    /** Writes the catalog and {@code n} proposals, each over every variable. */
    private static List<Proposal> prepare(Path data, int n) {
        try (CrashWorld world = new CrashWorld(data, Optional.empty())) {
            world.writeCatalog();
            List<Proposal> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(world.propose(i));
            }
            return out;
        }
    }

    /**
     * Every approved proposal is applied to every one of its variables, with its revisions, and the
     * index finds them by its token; every other one left no trace. Returns how many were approved.
     */
    private static long assertWhollyAppliedOrNot(CrashWorld world, List<Proposal> proposals) {
        long approved = 0;
        for (Proposal p : proposals) {
            Proposal now = world.curation.proposal(p.id()).orElseThrow();
            int n = Integer.parseInt(p.reason().substring("lot ".length()));
            boolean applied = now.status() == ProposalStatus.APPROVED;
            if (applied) {
                approved++;
            } else {
                assertThat(now.status()).isEqualTo(ProposalStatus.OPEN);
            }
            for (EntityChange c : p.changes()) {
                EntityState state = world.curation.state(c.entity());
                String description = world.catalog.variable(VariableRef.parse(c.entity().key())).orElseThrow().description();
                assertThat(state.version()).as(c.entity() + " of " + n).isEqualTo(applied ? 1 : 0);
                assertThat(description).isEqualTo(applied ? c.fields().getFirst().newValue() : c.fields().getFirst().oldValue());
                assertThat(world.curation.history(c.entity())).hasSize(applied ? 2 : 0)
                        .allMatch(r -> r.proposal().equals(p.id()));
            }
            assertThat(world.index.search(SearchRequest.of("mot" + n)).totalHits()).as("indexed " + n)
                    .isEqualTo(applied ? CrashWorld.PER_PROPOSAL : 0);
        }
        return approved;
    }

    private record Child(Process process, StringBuilder out, BufferedReader reader) {
        String output() {
            try {
                reader.lines().forEach(l -> out.append(l).append('\n'));
            } catch (RuntimeException e) {
                // The stream ends with the process.
            }
            return out.toString();
        }

        /** Waits for the first {@code approved} line; returns the milliseconds it took. */
        long awaitApproval(int minutes) throws Exception {
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            String l;
            while (System.nanoTime() < end && (l = reader.readLine()) != null) {
                out.append(l).append('\n');
                if (l.startsWith("approved ")) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            }
            throw new AssertionError("the child approved nothing: " + out);
        }

        void awaitLine(String line, int minutes) throws Exception {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            String l;
            while (System.nanoTime() < end && (l = reader.readLine()) != null) {
                out.append(l).append('\n');
                if (l.equals(line)) {
                    return;
                }
            }
            throw new AssertionError("the child never printed " + line + ": " + out);
        }
    }

    /** {@code java -cp <this test's class path> CurationCrashChild <data> <mode> <ids...>}. */
    private static Child start(Path data, String mode, List<Proposal> proposals) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), CurationCrashChild.class.getName(), data.toString(), mode));
        proposals.forEach(p -> command.add(p.id()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Child(p, new StringBuilder(),
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
}
