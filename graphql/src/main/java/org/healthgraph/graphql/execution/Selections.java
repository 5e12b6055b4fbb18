package org.healthgraph.graphql.execution;

import java.util.Map;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;

/**
 * Cheap questions about what a request selects below the field being fetched, answered from the
 * document itself. {@link graphql.schema.DataFetchingFieldSelectionSet} answers them too, but builds
 * the whole normalized operation of the request first, which cost several percent of the server's
 * CPU under load for a yes-or-no question.
 */
public final class Selections {

    /** Fragments nested deeper than this are not followed (validation already refuses cycles). */
    private static final int MAX_FRAGMENT_DEPTH = 32;

    private Selections() {
    }

    /**
     * Whether the field being fetched selects its direct sub-field {@code name}, in its own selection
     * set or through inline fragments and fragment spreads. Directives ({@code @skip}, {@code @include})
     * are not evaluated: a sub-field that is skipped still counts as selected, which only costs the
     * work of computing it.
     */
    public static boolean selects(DataFetchingEnvironment env, String name) {
        Map<String, FragmentDefinition> fragments = env.getFragmentsByName();
        for (Field field : env.getMergedField().getFields()) {
            if (selects(field.getSelectionSet(), name, fragments, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean selects(SelectionSet set, String name, Map<String, FragmentDefinition> fragments, int depth) {
        if (set == null || depth > MAX_FRAGMENT_DEPTH) {
            return false;
        }
        for (Selection<?> selection : set.getSelections()) {
            boolean found = switch (selection) {
                case Field f -> f.getName().equals(name);
                case InlineFragment inline -> selects(inline.getSelectionSet(), name, fragments, depth + 1);
                case FragmentSpread spread -> {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    yield definition != null && selects(definition.getSelectionSet(), name, fragments, depth + 1);
                }
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }
}
