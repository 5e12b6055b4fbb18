package org.healthgraph.graph.audit;

/**
 * Where audited acts are written. {@link AuditLog} is the one implementation that keeps them; a
 * failure to record is a failure of the act (the caller does not serve what it could not record).
 */
public interface AuditTrail {

    /** Records {@code event} durably before returning. */
    void record(AuditEvent event);
}
