package org.healthgraph.graph.audit;

import java.time.Instant;

/**
 * A record as kept: its place in the trail, its time, the event, the hash of the record before it
 * and its own keyed hash (HMAC-SHA256 over its other fields and {@code previous}).
 */
public record AuditRecord(long sequence, Instant at, AuditEvent event, String previous, String mac) {
}
