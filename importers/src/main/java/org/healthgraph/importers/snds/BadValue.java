package org.healthgraph.importers.snds;

/**
 * A value of a row that breaks a rule: the row is left out and reported with its file, line, column
 * and the rule, never the value (it may be patient-level data). Cheap to throw: no stack trace.
 */
final class BadValue extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String column;
    final String rule;

    BadValue(String column, String rule) {
        super(column + ": " + rule, null, false, false);
        this.column = column;
        this.rule = rule;
    }
}
