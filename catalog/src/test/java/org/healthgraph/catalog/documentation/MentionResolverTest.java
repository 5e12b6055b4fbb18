package org.healthgraph.catalog.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.healthgraph.catalog.EntryKind;
import org.junit.jupiter.api.Test;

class MentionResolverTest {

    static final CatalogLookup LOOKUP = CatalogLookup.builder()
            .variable("T_MCOaaB", "GRG_GHM", "MS_GHM_V").variable("T_MCOaaB", "BEN_NIR_PSA", "")
            .variable("ER_PRS_F", "PRS_NAT_REF", "IR_NAT_V").variable("ER_PRS_F", "BEN_NIR_PSA", "")
            .variable("IR_BEN_R", "BEN_NIR_PSA", "")
            .nomenclature("IR_NAT_V").nomenclature("MS_GHM_V")
            .code("IR_NAT_V", "3329").code("MS_GHM_V", "14Z08Z").code("IR_NAT_V", "1111").code("IR_NAT_V", "77")
            .build();
    static final DocumentKey PAGE = DocumentKey.of("fiches/ivg");
    static final DocumentKey HOSPITAL = PAGE.section("a-l-hopital");
    static final DocumentKey TOWN = PAGE.section("en-ville");

    static Reference ref(Reference.Kind kind, String text, String value, DocumentKey section, int line, int block) {
        return new Reference(kind, text, value, section, line, block, "context of " + text);
    }

    MentionResolver.Resolution resolve(List<Reference> refs) {
        return new MentionResolver(LOOKUP).resolve("fiches/ivg.md", refs, Optional.empty(), k -> k.value().equals("fiches/ald"));
    }

    static List<String> targets(MentionResolver.Resolution r) {
        return r.mentions().stream().map(m -> m.from().anchor().orElse("") + " " + m.target()).toList();
    }

    @Test
    void aConditionNamesTheVariableOfTheSectionsTableAndTheCodeOfItsList() {
        MentionResolver.Resolution r = resolve(List.of(
                ref(Reference.Kind.IDENTIFIER, "T_MCO18B", "", HOSPITAL, 3, 1),
                ref(Reference.Kind.CONDITION, "GRG_GHM", "14Z08Z", HOSPITAL, 4, 2)));
        assertThat(targets(r)).containsExactly("a-l-hopital TABLE T_MCOaaB", "a-l-hopital VARIABLE T_MCOaaB.GRG_GHM",
                "a-l-hopital CODE MS_GHM_V:14Z08Z");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aVariableNameSharedByTablesIsTheOneOfTheTableItsSectionNames() {
        MentionResolver.Resolution r = resolve(List.of(
                ref(Reference.Kind.IDENTIFIER, "ER_PRS_F", "", TOWN, 10, 1),
                ref(Reference.Kind.IDENTIFIER, "BEN_NIR_PSA", "", TOWN, 11, 2),
                ref(Reference.Kind.IDENTIFIER, "BEN_NIR_PSA", "", PAGE, 1, 3)));
        assertThat(targets(r)).contains("en-ville VARIABLE ER_PRS_F.BEN_NIR_PSA")
                .doesNotContain("en-ville VARIABLE IR_BEN_R.BEN_NIR_PSA");
        // Named where no table is: the tables the page names come first.
        assertThat(targets(r)).contains(" VARIABLE ER_PRS_F.BEN_NIR_PSA").doesNotContain(" VARIABLE IR_BEN_R.BEN_NIR_PSA");
    }

    @Test
    void aBoldCodeBesideACodedVariableIsACodeOfItsListAndALongOneMayStandInTheNextBlock() {
        MentionResolver.Resolution r = resolve(List.of(
                ref(Reference.Kind.IDENTIFIER, "PRS_NAT_REF", "", TOWN, 10, 7),
                ref(Reference.Kind.IDENTIFIER, "1111", "", TOWN, 10, 7),
                ref(Reference.Kind.IDENTIFIER, "3329", "", TOWN, 12, 8),
                ref(Reference.Kind.IDENTIFIER, "77", "", TOWN, 13, 9),
                ref(Reference.Kind.IDENTIFIER, "3329", "", HOSPITAL, 14, 10)));
        assertThat(targets(r)).contains("en-ville CODE IR_NAT_V:1111", "en-ville CODE IR_NAT_V:3329")
                .doesNotContain("en-ville CODE IR_NAT_V:77", "a-l-hopital CODE IR_NAT_V:3329");
    }

    @Test
    void whatResolvesToNothingIsReportedWithItsFileAndLine() {
        MentionResolver.Resolution r = resolve(List.of(
                ref(Reference.Kind.IDENTIFIER, "T_NOPE_F", "", TOWN, 21, 1),
                ref(Reference.Kind.WORD, "SOME_WORD", "", TOWN, 22, 2),
                ref(Reference.Kind.TABLE_LINK, "/tables/T_GONE", "", TOWN, 23, 3),
                ref(Reference.Kind.PAGE_LINK, "fiches/nowhere", "", TOWN, 24, 4),
                ref(Reference.Kind.PAGE_LINK, "fiches/ald", "", TOWN, 25, 5),
                ref(Reference.Kind.CONDITION, "PRS_NAT_REF", "9999", TOWN, 26, 6)));
        assertThat(r.problems()).extracting(p -> p.file() + " " + p.where())
                .containsExactly("fiches/ivg.md line 21", "fiches/ivg.md line 23", "fiches/ivg.md line 24",
                        "fiches/ivg.md line 26");
        assertThat(r.links()).extracting(l -> l.to().value()).containsExactly("fiches/ald");
        assertThat(r.mentions()).extracting(Mention::target)
                .containsExactly(new MentionTarget(EntryKind.VARIABLE, "ER_PRS_F.PRS_NAT_REF"));
    }
}
