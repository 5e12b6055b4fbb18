package org.healthgraph.spark.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortPartial;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;

/**
 * The work of one Spark partition: its rows arrive sorted by patient (then event number), every
 * row of a patient in this partition; each patient's journey is rebuilt from its rows, patients are
 * evaluated by the journeys engine in batches of {@code batch} ({@link CohortPartial#evaluate}), and
 * the partial of the whole partition is returned. Holds one batch of journeys at a time, never the
 * partition: memory per task is bounded by the batch whatever the partition's size.
 */
public final class PatientBatches implements FlatMapFunction<Iterator<Row>, CohortPartial> {

    private static final long serialVersionUID = 1L;

    /** The query as JSON: {@link CohortQuery} is not serializable, its JSON form is the one every door reads. */
    private final String queryJson;
    private final byte[] cellKey;
    private final boolean keepIds;
    private final int batch;

    /**
     * @param cellKey the cell-key perturbation's key, null when the release is exact
     * @param batch patients per evaluation
     */
    public PatientBatches(String queryJson, byte[] cellKey, boolean keepIds, int batch) {
        this.queryJson = queryJson;
        this.cellKey = cellKey == null ? null : cellKey.clone();
        this.keepIds = keepIds;
        this.batch = batch;
    }

    @Override
    public Iterator<CohortPartial> call(Iterator<Row> rows) {
        CohortQuery query = CohortQueries.parse(queryJson);
        Optional<byte[]> key = Optional.ofNullable(cellKey);
        CohortPartial total = CohortPartial.empty(query, key.isPresent(), keepIds);
        List<PatientJourney> patients = new ArrayList<>(batch);
        String current = null;
        LocalDate birth = null;
        List<CareEvent> events = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String id = r.getString(0);
            if (!id.equals(current)) {
                if (current != null) {
                    patients.add(journey(current, birth, events));
                    events = new ArrayList<>();
                    if (patients.size() >= batch) {
                        total = total.merge(CohortPartial.evaluate(query, patients, key, keepIds));
                        patients = new ArrayList<>(batch);
                    }
                }
                current = id;
                birth = date(r.get(1));
            }
            events.add(event(r));
        }
        if (current != null) {
            patients.add(journey(current, birth, events));
        }
        if (!patients.isEmpty()) {
            total = total.merge(CohortPartial.evaluate(query, patients, key, keepIds));
        }
        return List.of(total).iterator();
    }

    private static PatientJourney journey(String id, LocalDate birth, List<CareEvent> events) {
        return new PatientJourney(new PatientId(id), List.of(), Optional.ofNullable(birth), 0, "", Optional.empty(), events);
    }

    /** Columns in the order of {@link EventsFolder#SCHEMA}. */
    private static CareEvent event(Row r) {
        List<EventCode> codes = new ArrayList<>();
        if (!r.isNullAt(8)) {
            List<Row> list = r.getList(8);
            for (Row c : list) {
                codes.add(new EventCode(CodeSystem.valueOf(c.getString(0)), c.getString(1), CodeRole.valueOf(c.getString(2))));
            }
        }
        return new CareEvent(EventType.valueOf(r.getString(3)), date(r.get(4)), date(r.get(5)), r.isNullAt(6) ? "" : r.getString(6),
                r.isNullAt(7) ? 0 : r.getInt(7), codes);
    }

    /** Spark gives java.sql.Date, or LocalDate when the session uses the Java 8 time API. */
    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }
}
