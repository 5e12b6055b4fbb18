package org.healthgraph.graphql.execution;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Keeps the parsed and validated form of each query text, so that a query sent again (the usual
 * case: applications send a fixed set of queries with different variables) skips parsing and
 * validation. Validation depends only on the text and the schema, never on the variables, so the
 * text alone is the key. Documents that failed to parse or validate are kept too: the same errors
 * come back without the work. Bounded in number of documents; query texts longer than
 * {@code maxQueryLength} characters are never kept.
 */
public final class DocumentCache implements PreparsedDocumentProvider {

    private final Cache<String, PreparsedDocumentEntry> documents;
    private final int maxQueryLength;

    public DocumentCache(long maxDocuments, int maxQueryLength) {
        if (maxDocuments < 1 || maxQueryLength < 1) {
            throw new IllegalArgumentException("document cache: maxDocuments and maxQueryLength must be positive, got "
                    + maxDocuments + " and " + maxQueryLength);
        }
        this.documents = Caffeine.newBuilder().maximumSize(maxDocuments).build();
        this.maxQueryLength = maxQueryLength;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query == null || query.length() > maxQueryLength) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        return CompletableFuture.completedFuture(documents.get(query, q -> parseAndValidate.apply(input)));
    }

    /** How many documents are held (for tests and metrics). */
    public long size() {
        documents.cleanUp();
        return documents.estimatedSize();
    }
}
