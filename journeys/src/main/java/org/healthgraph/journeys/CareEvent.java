package org.healthgraph.journeys;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.healthgraph.graph.ErrorKind;

/**
 * A dated care event of one patient.
 *
 * @param type the kind of event
 * @param start first day
 * @param end last day (the discharge of a stay); equal to {@code start} for one-day events
 * @param source the table or resource it comes from (ER_PHA_F, T_MCO23C, KI_CCI_R, Encounter...)
 * @param quantity boxes dispensed, or 0
 * @param codes its codes with their roles, kept sorted by key then role
 */
public record CareEvent(EventType type, LocalDate start, LocalDate end, String source, int quantity,
                        List<EventCode> codes) {

    public CareEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        end = end == null ? start : end;
        if (end.isBefore(start)) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "a " + type + " event from " + source + " ends before it starts");
        }
        source = source == null ? "" : source;
        codes = sorted(codes);
    }

    private static final java.util.Comparator<EventCode> CODE_ORDER =
            java.util.Comparator.comparing(EventCode::key).thenComparing(EventCode::role);

    /** The codes sorted; an immutable list already sorted is kept as it is (importers share one list among many events). */
    private static List<EventCode> sorted(List<EventCode> codes) {
        if (codes.size() <= 1) {
            return List.copyOf(codes);
        }
        for (int i = 1; i < codes.size(); i++) {
            if (CODE_ORDER.compare(codes.get(i - 1), codes.get(i)) > 0) {
                return codes.stream().sorted(CODE_ORDER).toList();
            }
        }
        return List.copyOf(codes);
    }
}
