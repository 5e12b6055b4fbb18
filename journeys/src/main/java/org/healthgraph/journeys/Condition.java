package org.healthgraph.journeys;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on the events around an anchor: either an occurrence condition (events matching
 * {@code event} whose gap to the anchor lies in the window, counted against {@code count} and
 * {@code times}) or a group ({@code group} ALL, ANY or AT_LEAST {@code times} of {@code conditions}).
 *
 * <p>Occurrence: the anchor is the index event ("index", the default) or an event named earlier.
 * With direction AFTER, the gap is {@code eventSide(B) - anchorSide(A)} in days; with BEFORE it is
 * {@code anchorSide(A) - eventSide(B)}; it must lie in [minDays, maxDays] (min defaults to 0, max to
 * unbounded; both non-negative). The anchor event itself never counts. With {@code sameStay}, the
 * window is replaced by "B is the anchor or B starts within the anchor's [start, end]".
 * A {@code name} binds the earliest matching event (in timeline order) for later conditions to use as
 * their anchor; only top-level conditions with count AT_LEAST or EXACTLY (times greater than 0) bind.
 */
public record Condition(String name, EventCriterion event, String anchor, Side anchorSide, Side eventSide,
                        Direction direction, Integer minDays, Integer maxDays, Count count, Integer times,
                        Boolean sameStay, Group group, List<Condition> conditions) {

    /** The date of an event that a window uses. */
    public enum Side { START, END }

    /** Whether B is looked for after or before the anchor. */
    public enum Direction { AFTER, BEFORE }

    /** How the number of matching events is compared to {@code times}; NONE means none at all. */
    public enum Count { AT_LEAST, AT_MOST, EXACTLY, NONE }

    /** How the conditions of a group combine. */
    public enum Group { ALL, ANY, AT_LEAST }

    public static final String INDEX = "index";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    public Condition {
        if (group != null) {
            if (conditions == null || conditions.isEmpty()) {
                throw new InvalidQueryException("a " + group + " group needs at least one condition");
            }
            conditions = List.copyOf(conditions);
            times = times == null ? 1 : times;
            if (group == Group.AT_LEAST && (times < 0 || times > conditions.size())) {
                throw new InvalidQueryException("AT_LEAST " + times + " of a group of " + conditions.size()
                        + " conditions is impossible");
            }
            if (name != null) {
                throw new InvalidQueryException("a group cannot be named ('" + name + "'): name one of its conditions' events at top level instead");
            }
        } else {
            Objects.requireNonNull(event, "an occurrence condition needs an 'event' criterion (or a 'group')");
            conditions = List.of();
            anchor = anchor == null || anchor.isBlank() ? INDEX : anchor;
            anchorSide = anchorSide == null ? Side.START : anchorSide;
            eventSide = eventSide == null ? Side.START : eventSide;
            direction = direction == null ? Direction.AFTER : direction;
            minDays = minDays == null ? 0 : minDays;
            count = count == null ? Count.AT_LEAST : count;
            times = count == Count.NONE ? 0 : times == null ? 1 : times;
            sameStay = sameStay != null && sameStay;
            if (minDays < 0 || maxDays != null && maxDays < 0) {
                throw new InvalidQueryException("a window must not be negative (use direction BEFORE), got minDays="
                        + minDays + " maxDays=" + maxDays);
            }
            if (maxDays != null && minDays > maxDays) {
                throw new InvalidQueryException("window minDays " + minDays + " is greater than maxDays " + maxDays);
            }
            if (times < 0) {
                throw new InvalidQueryException("times must not be negative, got " + times);
            }
            if (name != null && (!NAME.matcher(name).matches() || INDEX.equals(name))) {
                throw new InvalidQueryException("event name '" + name + "' must be a letter then letters, digits or '_' (at most 32), not 'index'");
            }
            if (name != null && (count == Count.NONE || count == Count.AT_MOST || times == 0)) {
                throw new InvalidQueryException("event '" + name + "' cannot be named: a " + count + " " + times
                        + " condition binds no event");
            }
        }
    }

    /** At least one event matching {@code event} in [min, max] days after the anchor's start. */
    public static Condition after(EventCriterion event, String anchor, Side anchorSide, int minDays, Integer maxDays) {
        return new Condition(null, event, anchor, anchorSide, Side.START, Direction.AFTER, minDays, maxDays,
                Count.AT_LEAST, 1, false, null, null);
    }

    public boolean isGroup() {
        return group != null;
    }

    /** This condition with another count. */
    public Condition counting(Count c, int n) {
        return new Condition(name, event, anchor, anchorSide, eventSide, direction, minDays, maxDays, c, n, sameStay,
                null, null);
    }

    /** This condition binding its earliest event under {@code eventName}. */
    public Condition named(String eventName) {
        return new Condition(eventName, event, anchor, anchorSide, eventSide, direction, minDays, maxDays, count, times,
                sameStay, null, null);
    }

    /** A group of conditions. */
    public static Condition group(Group kind, int n, List<Condition> of) {
        return new Condition(null, null, null, null, null, null, null, null, null, n, null, kind, of);
    }
}
