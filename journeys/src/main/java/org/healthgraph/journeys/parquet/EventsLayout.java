package org.healthgraph.journeys.parquet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.PatientId;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The layout of a folder of care events in Parquet: one row per care event (its codes a list of
 * {@code {system, code, role}}), partitioned by patient into {@code bucketCount} buckets, folder
 * {@code patient_bucket=N} for bucket N ({@link #bucketOf}), each patient wholly in one bucket. Only
 * the buckets that hold patients have a folder; this file ({@value #FILE_NAME}, written last, so that
 * its presence says the folder is complete) names them with their counts.
 *
 * @param schemaVersion the version of the columns ({@value #SCHEMA_VERSION} is the one of this build)
 * @param bucketCount the number of buckets patients are hashed into
 * @param patients patients written (those with at least one event)
 * @param events care events written
 * @param buckets the buckets that hold patients, by number
 */
public record EventsLayout(int schemaVersion, int bucketCount, long patients, long events, List<Bucket> buckets) {

    /** The layout file's name in the folder; a leading '_' keeps it out of Parquet readers' listings. */
    public static final String FILE_NAME = "_healthgraph_events.json";
    /** The version of the columns this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** What the layout file says it is. */
    public static final String FORMAT = "healthgraph care events";

    /** Column names, in file order (the bucket is the folder name, not a column of the files). */
    public static final String PATIENT_ID = "patient_id";
    public static final String BIRTH_DATE = "birth_date";
    public static final String EVENT_NO = "event_no";
    public static final String TYPE = "type";
    public static final String START_DATE = "start_date";
    public static final String END_DATE = "end_date";
    public static final String SOURCE = "source";
    public static final String QUANTITY = "quantity";
    public static final String CODES = "codes";
    /** The partition column (folder {@code patient_bucket=N}). */
    public static final String BUCKET = "patient_bucket";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One bucket's folder.
     *
     * @param bucket its number, 0 to bucketCount - 1
     * @param patients patients in it
     * @param events their events
     */
    public record Bucket(int bucket, long patients, long events) {

        /** The folder's name, relative to the layout's folder. */
        public String folder() {
            return BUCKET + "=" + bucket;
        }
    }

    public EventsLayout {
        buckets = List.copyOf(buckets);
        if (bucketCount < 1) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "a Parquet events layout has at least one bucket, got " + bucketCount);
        }
    }

    /** The bucket of a patient: its id's {@link String#hashCode} (fixed by the Java language) modulo {@code bucketCount}. */
    public static int bucketOf(PatientId id, int bucketCount) {
        return Math.floorMod(id.value().hashCode(), bucketCount);
    }

    /** The layout file's text. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("schemaVersion", schemaVersion);
        root.put("bucketCount", bucketCount);
        root.put("patients", patients);
        root.put("events", events);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Bucket b : buckets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", b.bucket());
            m.put("folder", b.folder());
            m.put("patients", b.patients());
            m.put("events", b.events());
            list.add(m);
        }
        root.put("buckets", list);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /**
     * Reads a layout file's text.
     *
     * @param file the file's name or address, for the messages
     * @throws JourneyException (invalid input) naming the file when it is not a layout this build reads
     */
    public static EventsLayout parse(byte[] text, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(text, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw bad(file, "is not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw bad(file, "does not say \"format\": \"" + FORMAT + "\"");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version != SCHEMA_VERSION) {
            throw bad(file, "has schema version " + version + "; this build reads version " + SCHEMA_VERSION);
        }
        List<Bucket> buckets = new ArrayList<>();
        int count = root.path("bucketCount").asInt(0);
        for (JsonNode b : root.path("buckets")) {
            int n = b.path("bucket").asInt(-1);
            if (n < 0 || n >= count) {
                throw bad(file, "names bucket " + n + ", outside 0 to bucketCount - 1 = " + (count - 1));
            }
            buckets.add(new Bucket(n, b.path("patients").asLong(0), b.path("events").asLong(0)));
        }
        return new EventsLayout(version, count, root.path("patients").asLong(0), root.path("events").asLong(0), buckets);
    }

    private static JourneyException bad(String file, String why) {
        return new JourneyException(ErrorKind.INVALID_INPUT, "the Parquet events layout file " + file + " " + why);
    }
}
