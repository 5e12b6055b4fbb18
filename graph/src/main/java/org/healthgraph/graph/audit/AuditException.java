package org.healthgraph.graph.audit;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/** The audit trail cannot be written or read: the act that needed it is not served. */
public final class AuditException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    AuditException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
