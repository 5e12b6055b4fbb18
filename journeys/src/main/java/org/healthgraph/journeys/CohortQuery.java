package org.healthgraph.journeys;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A cohort: an index event, inclusion rules applied in order (the attrition table counts patients
 * after each), optional pathways, and the suppression threshold for aggregate counts (default 11,
 * never below 1). A patient is in the cohort when one of its candidate index events satisfies every
 * rule; it reaches step k when one candidate satisfies rules 1..k. A query may be restricted to the
 * patients of one project ({@code project}): its population is then that project's patients only.
 */
public record CohortQuery(IndexEvent index, List<InclusionRule> rules, PathwaySpec pathways,
                          Integer suppressBelow, String project) {

    public static final int DEFAULT_SUPPRESSION = 11;
    /** Most inclusion rules a query may have. */
    public static final int MAX_RULES = 50;

    public CohortQuery {
        Objects.requireNonNull(index, "a cohort query needs an 'index'");
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (rules.size() > MAX_RULES) {
            throw new InvalidQueryException("a cohort query has at most " + MAX_RULES + " rules, got " + rules.size());
        }
        suppressBelow = suppressBelow == null ? DEFAULT_SUPPRESSION : suppressBelow;
        if (project != null) {
            try {
                new ProjectCode(project);
            } catch (JourneyException e) {
                throw new InvalidQueryException("project: " + e.getMessage());
            }
        }
        if (suppressBelow < 1) {
            throw new InvalidQueryException("suppressBelow must be at least 1, got " + suppressBelow);
        }
        Set<String> named = new HashSet<>();
        for (InclusionRule rule : rules) {
            checkAnchors(rule.condition(), named, rule.label());
            Condition c = rule.condition();
            if (!c.isGroup() && c.name() != null && !named.add(c.name())) {
                throw new InvalidQueryException("event name '" + c.name() + "' is used twice");
            }
        }
    }

    private static void checkAnchors(Condition c, Set<String> named, String rule) {
        if (c.isGroup()) {
            for (Condition inner : c.conditions()) {
                if (inner.name() != null) {
                    throw new InvalidQueryException("rule '" + rule + "': events inside a group cannot be named ('"
                            + inner.name() + "')");
                }
                checkAnchors(inner, named, rule);
            }
        } else if (!Condition.INDEX.equals(c.anchor()) && !named.contains(c.anchor())) {
            throw new InvalidQueryException("rule '" + rule + "' is anchored on '" + c.anchor()
                    + "', which no earlier rule names (known: index" + (named.isEmpty() ? "" : ", " + String.join(", ", named)) + ")");
        }
    }

    /** A query over every patient. */
    public CohortQuery(IndexEvent index, List<InclusionRule> rules, PathwaySpec pathways, Integer suppressBelow) {
        this(index, rules, pathways, suppressBelow, null);
    }

    /** A query with just an index and rules. */
    public static CohortQuery of(IndexEvent index, List<InclusionRule> rules) {
        return new CohortQuery(index, rules, null, null);
    }

    /** The project the query's population is restricted to; empty: every patient. */
    public java.util.Optional<ProjectCode> projectCode() {
        return java.util.Optional.ofNullable(project).map(ProjectCode::new);
    }

    /** This query, restricted to {@code code}'s patients (or to none: every patient). */
    public CohortQuery inProject(java.util.Optional<ProjectCode> code) {
        return new CohortQuery(index, rules, pathways, suppressBelow, code.map(ProjectCode::value).orElse(null));
    }
}
