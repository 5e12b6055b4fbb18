package org.healthgraph.linkage.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.healthgraph.linkage.match.Explanation;

/**
 * A pair a run kept (a {@code LinkPair} node): each link the engine decided, with its explanation
 * and the compared values of both records. Patient-level: read only by those allowed to, and audited.
 *
 * @param runId the run
 * @param ordinal the pair's place in the run (pages follow it)
 * @param leftId left record id
 * @param rightId right record id (the patient id)
 * @param probability the pair's own probability
 * @param recordProbability the record-level probability, when the run decided on records
 * @param weight the match weight (absent for exact links)
 * @param method how the engine decided it
 * @param linked whether the engine linked it
 * @param review whether its decision probability falls in the run's review band
 * @param explanation the waterfall, when the run had a model
 * @param fields per compared field, the left and right values
 */
public record RunPair(String runId, int ordinal, String leftId, String rightId, double probability,
                      OptionalDouble recordProbability, OptionalDouble weight, String method, boolean linked, boolean review,
                      Optional<Explanation> explanation, List<FieldValues> fields) {

    public RunPair {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(leftId, "leftId");
        Objects.requireNonNull(rightId, "rightId");
        recordProbability = recordProbability == null ? OptionalDouble.empty() : recordProbability;
        weight = weight == null ? OptionalDouble.empty() : weight;
        Objects.requireNonNull(method, "method");
        explanation = explanation == null ? Optional.empty() : explanation;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** One compared field's values on both sides (empty text when missing). */
    public record FieldValues(String field, String left, String right) {
    }

    /** The probability the decision used: record-level when there is one. */
    public double decisionProbability() {
        return recordProbability.orElse(probability);
    }

    /** Values by field, for lookups. */
    public Map<String, FieldValues> fieldsByName() {
        Map<String, FieldValues> m = new java.util.LinkedHashMap<>();
        fields.forEach(f -> m.put(f.field(), f));
        return m;
    }
}
