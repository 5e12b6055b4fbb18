package org.healthgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void parsesAVariableReference() {
        assertThat(VariableRef.parse("ER_PHA_F.PHA_PRS_C13")).isEqualTo(VariableRef.of("ER_PHA_F", "PHA_PRS_C13"));
    }

    @Test
    void parsesACodeReferenceWhoseCodeHoldsAColon() {
        CodeRef ref = CodeRef.parse("IR_DTE_V:01JAN1870:00:00:00");
        assertThat(ref.nomenclature()).isEqualTo(NomenclatureName.of("IR_DTE_V"));
        assertThat(ref.code()).isEqualTo("01JAN1870:00:00:00");
    }

    @Test
    void rejectsATableNameWithADotNamingTheRule() {
        assertThatThrownBy(() -> TableName.of("ER.PHA")).isInstanceOf(InvalidCatalogInputException.class)
                .hasMessageContaining("'ER.PHA'").hasMessageContaining("no spaces, '.' or ':'");
    }

    @Test
    void aRejectedNameIsQuotedCutTo40CharactersWithControlCharactersShownAsQuestionMarks() {
        String name = "A" + "\u0000".repeat(64);
        assertThatThrownBy(() -> VariableRef.of("T1", name)).isInstanceOf(InvalidCatalogInputException.class)
                .hasMessageContaining("'A" + "?".repeat(39) + "... (65 characters)'")
                .hasMessageNotContaining("\u0000");
        String description = "x".repeat(300) + "\n";
        assertThatThrownBy(() -> VariableRef.of("T1", description)).hasMessageContaining("... (301 characters)")
                .hasMessageNotContaining("x".repeat(41));
    }

    @Test
    void readsTheThreeFormsOfANomenclatureReference() {
        assertThat(CodedBy.parse("-")).isEmpty();
        assertThat(CodedBy.parse("IR_PHA_R")).contains(new CodedBy(NomenclatureName.of("IR_PHA_R"), Optional.empty()));
        assertThat(CodedBy.parse("IR_SEX_V:SEX_COD"))
                .contains(new CodedBy(NomenclatureName.of("IR_SEX_V"), Optional.of("SEX_COD")));
    }

    @Test
    void rejectsABlankCode() {
        assertThatThrownBy(() -> CodeRef.of("IR_DTE_V", " ")).isInstanceOf(InvalidCatalogInputException.class)
                .hasMessageContaining("code");
    }
}
