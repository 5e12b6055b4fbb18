package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphKeysTest {

    @Test
    void aCodeKeyIsSplitAtItsFirstColonSoThatCodesMayHoldColons() {
        String key = GraphKeys.code("IR_CIM_V", "I21:X");

        assertThat(key).isEqualTo("IR_CIM_V:I21:X");
        assertThat(GraphKeys.split(key, ':')).isEqualTo(new GraphKeys.Parts("IR_CIM_V", "I21:X"));
    }

    @Test
    void variableRecordPseudonymAndEventKeysFollowTheirWrittenForms() {
        assertThat(GraphKeys.variable("ER_PHA_F", "PHA_PRS_C13")).isEqualTo("ER_PHA_F.PHA_PRS_C13");
        assertThat(GraphKeys.record("cohort", "42")).isEqualTo("cohort:42");
        assertThat(GraphKeys.pseudonym("BEN_NIR_PSA", "abc")).isEqualTo("BEN_NIR_PSA:abc");
        assertThat(GraphKeys.careEvent("P1", 3)).isEqualTo("P1#3");
        assertThat(GraphKeys.prefix("BEN_NIR_PSA:abc")).isEqualTo("BEN_NIR_PSA");
    }

    @Test
    void aKeyWithoutItsSeparatorOrWithAnEmptyPartIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> GraphKeys.split("I21", ':')).hasMessageContaining("'I21'").hasMessageContaining("PREFIX:VALUE");
        assertThatThrownBy(() -> GraphKeys.split(":I21", ':')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GraphKeys.split("IR_CIM_V:", ':')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GraphKeys.code("", "I21")).hasMessageContaining("nomenclature");
    }
}
