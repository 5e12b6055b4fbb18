package org.healthgraph.catalog.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** One plan looks each term up once, and the queries it gives score as plain term queries do. */
class PlanTermsTest {

    @Test
    void aTermIsLookedUpOncePerPlanAndScoresAsAPlainTermQuery() throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (String label : new String[] {"séjour hospitalier", "séjour", "acte"}) {
                    Document d = new Document();
                    d.add(new TextField(Fields.LABEL, label, Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryPlanner.PlanTerms terms = new QueryPlanner.PlanTerms(searcher);
                TermQuery first = (TermQuery) terms.term(Fields.LABEL, "séjour");
                TermQuery again = (TermQuery) terms.term(Fields.LABEL, "séjour");
                assertThat(first.getTermStates()).isNotNull().isSameAs(again.getTermStates());
                assertThat(first.getTermStates().docFreq()).isEqualTo(2);
                var plain = searcher.search(new TermQuery(first.getTerm()), 10).scoreDocs;
                var shared = searcher.search(first, 10).scoreDocs;
                assertThat(shared).hasSameSizeAs(plain);
                for (int i = 0; i < plain.length; i++) {
                    assertThat(shared[i].doc).isEqualTo(plain[i].doc);
                    assertThat(shared[i].score).isEqualTo(plain[i].score);
                }
            }
        }
    }
}
