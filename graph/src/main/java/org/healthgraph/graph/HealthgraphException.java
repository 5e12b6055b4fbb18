package org.healthgraph.graph;

import java.util.Objects;

/**
 * The root of every module's exception root ({@code GraphStoreException}, {@code CatalogException},
 * {@code JourneyException}, {@code LinkageException}, ...): a failure with an {@link ErrorKind}. The
 * GraphQL API and the command line classify failures by this kind alone, in one place each.
 *
 * <p>Messages of every kind but {@link ErrorKind#INTERNAL} are written for the caller: they name the
 * value, file, line, field or setting at fault and the rule, and never hold patient-level data.
 * Messages of {@link ErrorKind#INTERNAL} failures go to the operator's log only.
 */
public abstract class HealthgraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    protected HealthgraphException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What kind of failure this is. */
    public final ErrorKind kind() {
        return kind;
    }

    /**
     * The kind of the first classified failure in {@code cause}'s chain, or {@code fallback}: a module
     * that wraps another module's failure keeps its kind (a database that went away stays
     * {@link ErrorKind#UNAVAILABLE} through the catalog writer that met it).
     */
    public static ErrorKind kindOf(Throwable cause, ErrorKind fallback) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HealthgraphException h) {
                return h.kind();
            }
        }
        return fallback;
    }
}
