package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.store.CatalogStores;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Freshness of the search index and the cached catalog against catalog writes the process was not
 * told of (issue 14, item 5), on Neo4j: "another process" is a second catalog writer on the same
 * graph, whose commits move the graph's catalog stamp but reach neither this process's listeners nor
 * its stamp listener. (CrossProcessFreshnessIT, in app, writes from a real second client over Bolt.)
 */
class CatalogFreshnessIT {

    private GraphStore store;
    private CatalogWriter ours;
    private CatalogWriter theirs;
    private Catalog cached;
    private SearchIndex index;
    private IndexReadiness readiness;
    private final AtomicInteger rebuilds = new AtomicInteger();
    private final CountDownLatch mayRebuild = new CountDownLatch(1);
    private final CountDownLatch rebuilt = new CountDownLatch(1);
    private CatalogFreshness freshness;

    @BeforeEach
    void open() {
        store = SharedNeo4j.store();
        ours = Catalogs.writer(store);
        ours.ensureSchema();
        theirs = Catalogs.writer(store);
        cached = Catalogs.cached(Catalogs.reader(store), ours, Duration.ofMinutes(10), 1_000, 1_000);
        index = SearchIndex.inMemory();
        ours.addListener(CatalogDocuments.keepingCurrent(cached, index));
        readiness = new IndexReadiness();
        Catalog reader = Catalogs.reader(store);
        // The rebuild waits for the test's go, so that what is answered meanwhile can be seen.
        freshness = new CatalogFreshness(CatalogStores.on(store)::stamp, ours, cached, () -> {
            rebuilds.incrementAndGet();
            await(mayRebuild);
            long n = CatalogDocuments.reindex(reader, index);
            rebuilt.countDown();
            return n;
        }, index, readiness);
    }

    @AfterEach
    void close() {
        freshness.close();
        index.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("waited 30 s").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CatalogUnit table(TableName name, String title) {
        return CatalogUnit.of(name.value() + ".json").withDatasets(List.of(Dataset.named("FRESH")))
                .withTables(List.of(new Table(name, title, "FRESH", "", "", new History("2020", "", List.of()), List.of())));
    }

    private List<String> keysFound(TableName name) {
        return index.search(new SearchRequest(name.value(), org.healthgraph.catalog.search.SearchFilters.NONE, 10,
                Optional.empty(), false, false)).hits().stream().map(SearchHit::key).toList();
    }

    @Test
    void aTableWrittenByAnotherWriterIsReadAtOnceAfterTheCheckAndSearchesAreRefusedUntilTheIndexHasIt() {
        TableName mine = TableName.of(SharedNeo4j.uniqueKey("MINE"));
        TableName other = TableName.of(SharedNeo4j.uniqueKey("OTHER"));
        ours.write(table(mine, "Table écrite par ce processus"));
        assertThat(freshness.check()).as("only this process wrote").isTrue();
        assertThat(keysFound(mine)).contains(mine.value());
        assertThat(cached.table(other)).as("read (and cached) before the other write").isEmpty();

        theirs.write(table(other, "Table écrite par un autre processus"));

        assertThat(freshness.check()).as("another writer moved the stamp").isFalse();
        assertThat(cached.table(other)).as("the cached reads were dropped").isPresent();
        assertThatThrownBy(() -> keysFound(other)).isInstanceOfSatisfying(SearchException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE)).hasMessageContaining("catching up");
        assertThat(readiness.status(CatalogFreshness.INDEX_NAME)).get()
                .extracting(IndexReadiness.Status::state).isEqualTo(IndexReadiness.State.BUILDING);
        assertThat(freshness.check()).as("a check while the rebuild runs starts no other").isFalse();

        mayRebuild.countDown();
        await(rebuilt);
        awaitReady();

        assertThat(keysFound(other)).contains(other.value());
        assertThat(keysFound(mine)).contains(mine.value());
        assertThat(freshness.check()).isTrue();
        assertThat(rebuilds).hasValue(1);
    }

    @Test
    void writesOfThisProcessAloneNeverCauseARebuild() {
        mayRebuild.countDown();
        freshness.check();
        awaitReady();
        int before = rebuilds.get();
        TableName mine = TableName.of(SharedNeo4j.uniqueKey("MINE"));

        ours.write(table(mine, "Première version"));
        ours.write(table(mine, "Deuxième version"));

        assertThat(freshness.check()).isTrue();
        assertThat(rebuilds).hasValue(before);
        assertThat(cached.table(mine)).get().extracting(Table::title).isEqualTo("Deuxième version");
    }

    @Test
    void anotherWritersMoveBetweenTwoOfThisProcessIsNoticed() {
        mayRebuild.countDown();
        freshness.check();
        awaitReady();
        int before = rebuilds.get();
        TableName mine = TableName.of(SharedNeo4j.uniqueKey("MINE"));
        TableName other = TableName.of(SharedNeo4j.uniqueKey("OTHER"));

        ours.write(table(mine, "Avant"));
        theirs.write(table(other, "Entre les deux"));
        ours.write(table(mine, "Après"));

        assertThat(freshness.check()).as("the last move is this process's, the one before is not").isFalse();
        awaitReady();
        assertThat(rebuilds).hasValue(before + 1);
        assertThat(keysFound(other)).contains(other.value());
    }

    /** Until no rebuild runs and searches are answered (bounded). */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (freshness.check()) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError("the search index did not catch up in 30 s");
    }
}
