package org.healthgraph.graphql.execution;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs the {@link DocumentCache}: {@code healthgraph.graphql.document-cache.max-documents}
 * (1,000 by default) documents of at most {@code max-query-length} characters (20,000).
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionConfiguration {

    @Bean
    DocumentCache documentCache(@Value("${healthgraph.graphql.document-cache.max-documents:1000}") long maxDocuments,
                                @Value("${healthgraph.graphql.document-cache.max-query-length:20000}") int maxLength) {
        return new DocumentCache(maxDocuments, maxLength);
    }

    @Bean
    GraphQlSourceBuilderCustomizer documentCacheCustomizer(DocumentCache cache) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(cache));
    }
}
