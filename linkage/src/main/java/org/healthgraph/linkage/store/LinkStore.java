package org.healthgraph.linkage.store;

import java.util.List;
import java.util.Optional;

import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.WriteResult;

/**
 * Where the output of record linkage is kept: {@code Record} nodes, {@code Patient} nodes and the
 * {@code LINKED_TO} relationships between them (with weight, probability, method and explanation),
 * written and read back. One implementation per graph backend ({@code internal.neo4j},
 * {@code internal.gremlin}), both held to {@code LinkStoreContract}. Open one with {@link LinkStores#on}.
 */
public interface LinkStore {

    /** The most links a page holds. */
    int MAX_PAGE = 1_000;

    GraphBackend backend();

    /** Creates the key constraints and indexes links need; idempotent. */
    void ensureSchema();

    /**
     * Upserts the records, the patients (created by id when absent, left as they are otherwise) and
     * the links, in batches of one transaction each. Writing the same links again changes nothing.
     */
    WriteResult write(List<StoredLink> links);

    /** The links of one record of a source, by patient id. */
    List<StoredLink> ofRecord(String source, String recordId);

    /** The links to one patient, by source and record id. */
    List<StoredLink> ofPatient(String patientId);

    /**
     * A page of a source's links by record id then patient id: at most {@code first} (1 to
     * {@value #MAX_PAGE}) after {@code after} (a page's end cursor), or from the start.
     */
    LinkPage ofSource(String source, Optional<String> after, int first);

    /** Removes the link of a record to a patient, if there is one (a steward rejected it). */
    void unlink(String source, String recordId, String patientId);

    /**
     * Saves a run and its pairs: the pairs first, the run last, so that a run that can be read is
     * complete. Saving the same run again changes nothing.
     */
    void saveRun(LinkRun run, List<RunPair> pairs);

    /** Every run, newest first. */
    List<LinkRun> runs();

    /** One run by id. */
    Optional<LinkRun> run(String runId);

    /**
     * A page of a run's pairs that match {@code query}, in the run's order: at most {@code first}
     * (1 to {@value #MAX_PAGE}) after {@code after} (a page's end cursor), or from the start.
     */
    PairPage pairs(String runId, PairQuery query, Optional<String> after, int first);

    /** One pair of a run by its record ids. */
    Optional<RunPair> pair(String runId, String leftId, String rightId);

    /** Adds a review decision; earlier decisions on the same pair stay as its history. */
    void addDecision(ReviewDecision decision);

    /** A run's review decisions, oldest first. */
    List<ReviewDecision> decisions(String runId);
}
