package org.healthgraph.app.config;

import java.time.Clock;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.linkage.review.ClericalReview;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.LinkStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Linkage runs in the graph and their clerical review (docs/linkage.md, Clerical review). */
@Configuration(proxyBeanMethods = false)
public class LinkageConfiguration {

    /** The link store of the graph's backend; its schema (runs, pairs, decisions) is made here. */
    @Bean
    public LinkStore linkStore(GraphStore graph) {
        LinkStore store = LinkStores.on(graph);
        store.ensureSchema();
        return store;
    }

    @Bean
    public ClericalReview clericalReview(LinkStore linkStore) {
        return new ClericalReview(linkStore, Clock.systemUTC());
    }
}
