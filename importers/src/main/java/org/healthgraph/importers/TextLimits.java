package org.healthgraph.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.Variable;

/**
 * The longest texts a catalog import takes ({@code healthgraph.imports.*}): a description, remark or
 * management rule up to {@code maxTextLength} characters, a title, label or code column value up to
 * {@code maxLabelLength}. Without them a 50 MB description went into the graph and every answer that
 * named it carried 50 MB. A variable or a code with a longer text is left out of its file's unit and
 * reported (file, entry, field and the rule, never the text); a dataset, table or code list with one
 * refuses its file, since what the file holds hangs on it.
 *
 * @param maxTextLength longest description, remark or management rule, in characters
 * @param maxLabelLength longest title, label or code column value, in characters
 */
public record TextLimits(int maxTextLength, int maxLabelLength) {

    /** The defaults of {@code healthgraph.imports.*}: far above any SNDS text (its longest descriptions are a few thousand characters). */
    public static final TextLimits DEFAULT = new TextLimits(100_000, 10_000);

    /** Reason under which left-out entries are counted in the import report. */
    public static final String REASON = "text over the length limit";

    private static final String REFUSED = "the file is not imported";

    public TextLimits {
        if (maxTextLength < 1 || maxLabelLength < 1) {
            throw new IllegalArgumentException("text limits must be at least 1, were " + maxTextLength + " and "
                    + maxLabelLength);
        }
    }

    /**
     * What a unit keeps under these limits.
     *
     * @param unit the unit without its left-out variables and codes
     * @param leftOut one problem per left-out entry
     * @param refusal why the whole unit is refused, when a dataset, table or code list breaks a limit
     */
    public record Checked(CatalogUnit unit, List<ImportProblem> leftOut, Optional<ImportProblem> refusal) {
    }

    /** Checks every text of {@code unit}; {@code file} names it in the problems. */
    public Checked check(CatalogUnit unit, String file) {
        Optional<ImportProblem> refusal = refusal(unit, file);
        if (refusal.isPresent()) {
            return new Checked(unit, List.of(), refusal);
        }
        List<ImportProblem> leftOut = new ArrayList<>();
        List<Variable> variables = new ArrayList<>();
        for (Variable v : unit.variables()) {
            firstOver(file, "variable " + v.key(), texts(v), "left out").ifPresentOrElse(leftOut::add, () -> variables.add(v));
        }
        List<Code> codes = new ArrayList<>();
        for (Code c : unit.codes()) {
            firstOver(file, "code " + c.key(), texts(c), "left out").ifPresentOrElse(leftOut::add, () -> codes.add(c));
        }
        if (leftOut.isEmpty()) {
            return new Checked(unit, List.of(), Optional.empty());
        }
        return new Checked(unit.withVariables(variables).withCodes(codes), leftOut, Optional.empty());
    }

    /** A field and its text, with the limit it falls under. */
    private record Field(String name, String text, boolean label) {
    }

    private Optional<ImportProblem> refusal(CatalogUnit unit, String file) {
        for (Dataset d : unit.datasets()) {
            Optional<ImportProblem> p = firstOver(file, "dataset " + d.name(),
                    List.of(new Field("title", d.title(), true), new Field("description", d.description(), false)), REFUSED);
            if (p.isPresent()) {
                return p;
            }
        }
        for (Table t : unit.tables()) {
            Optional<ImportProblem> p = firstOver(file, "table " + t.name().value(), List.of(
                    new Field("title", t.title(), true), new Field("scope", t.scope(), false),
                    new Field("observation", t.observation(), false)), REFUSED);
            if (p.isPresent()) {
                return p;
            }
        }
        for (Nomenclature n : unit.nomenclatures()) {
            Optional<ImportProblem> p = firstOver(file, "code list " + n.name().value(),
                    List.of(new Field("title", n.title(), true)), REFUSED);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static List<Field> texts(Variable v) {
        return List.of(new Field("description", v.description(), false), new Field("observation", v.observation(), false),
                new Field("managementRule", v.managementRule(), false));
    }

    private static List<Field> texts(Code c) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("label", c.label(), true));
        for (Map.Entry<String, String> column : c.columns().entrySet()) {
            fields.add(new Field("column " + column.getKey(), column.getValue(), true));
        }
        return fields;
    }

    private Optional<ImportProblem> firstOver(String file, String entry, List<Field> fields, String outcome) {
        for (Field f : fields) {
            int max = f.label() ? maxLabelLength : maxTextLength;
            if (f.text() != null && f.text().length() > max) {
                // the length and the rule, never the text itself
                return Optional.of(ImportProblem.error(file, entry + ", " + f.name(), f.name() + " is " + f.text().length()
                        + " characters, more than the " + max + " allowed (healthgraph.imports."
                        + (f.label() ? "max-label-length" : "max-text-length") + "); " + outcome));
            }
        }
        return Optional.empty();
    }
}
