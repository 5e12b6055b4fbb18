package org.healthgraph.catalog;

/**
 * One pair of a join's keys: a variable of the left table equal to a variable of the right table.
 *
 * @param left the variable's name in the left (from) table
 * @param right the variable's name in the right (to) table
 */
public record KeyPair(String left, String right) {

    public KeyPair {
        Names.identifier(left, "join key");
        Names.identifier(right, "join key");
    }

    /** The same pair read the other way round. */
    public KeyPair reversed() {
        return new KeyPair(right, left);
    }

    @Override
    public String toString() {
        return left + " = " + right;
    }
}
