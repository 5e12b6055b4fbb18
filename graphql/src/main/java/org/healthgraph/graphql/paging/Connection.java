package org.healthgraph.graphql.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a list, shaped as a Relay connection.
 *
 * @param edges the items of this page with their cursors
 * @param pageInfo where this page stands
 * @param totalCount number of items in the whole list
 * @param <T> item type
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, long totalCount) {

    public Connection {
        edges = List.copyOf(edges);
    }

    /** One item and its cursor. */
    public record Edge<T>(String cursor, T node) {
    }

    /** Paging state; cursors are null when the page is empty. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** The page of {@code all} that {@code request} asks for. */
    public static <T> Connection<T> of(List<T> all, PageRequest request) {
        int from = Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.limit());
        return fromSlice(all.subList(from, to), request, all.size());
    }

    /**
     * A connection over a page already fetched by the store ({@code items} starting at
     * {@code request.offset()}) out of {@code totalCount}.
     */
    public static <T> Connection<T> fromSlice(List<T> items, PageRequest request, long totalCount) {
        List<Edge<T>> edges = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            edges.add(new Edge<>(PageRequest.cursor((long) request.offset() + i), items.get(i)));
        }
        boolean hasNext = (long) request.offset() + items.size() < totalCount;
        return new Connection<>(edges, new PageInfo(hasNext, request.offset() > 0,
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor()),
                totalCount);
    }

    /** The same page with each item mapped. */
    public <R> Connection<R> map(Function<T, R> mapper) {
        return new Connection<>(edges.stream().map(e -> new Edge<>(e.cursor(), mapper.apply(e.node()))).toList(), pageInfo,
                totalCount);
    }
}
