package org.healthgraph.linkage.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

    private static final String NIR = "185057800608436";
    private final PseudonymKey key = PseudonymKey.of(filled((byte) 7));
    private final PseudonymKey otherKey = PseudonymKey.of(filled((byte) 9));

    @Test
    void givesTheSamePseudonymToTheSamePersonWrittenDifferently() {
        Pseudonymiser p = Pseudonymiser.withKey(key);
        String a = p.pseudonym(NIR, "1985-05-12", "1");
        String b = p.pseudonym("1 85 05 78 006 084 36", "12/05/1985", "M");
        String c = Pseudonymiser.withKey(PseudonymKey.of(filled((byte) 7))).pseudonym(NIR, "19850512", "h");
        assertThat(a).matches("[0-9a-f]{64}").isEqualTo(b).isEqualTo(c);
    }

    @Test
    void givesDifferentPseudonymsToDifferentPeopleAndKeys() {
        Pseudonymiser p = Pseudonymiser.withKey(key);
        String a = p.pseudonym(NIR, "1985-05-12", "1");
        assertThat(p.pseudonym(NIR, "1985-05-13", "1")).isNotEqualTo(a);
        assertThat(p.pseudonym(NIR, "1985-05-12", "2")).isNotEqualTo(a);
        assertThat(Pseudonymiser.withKey(otherKey).pseudonym(NIR, "1985-05-12", "1")).isNotEqualTo(a);
    }

    @Test
    void rotatesExistingPseudonymsWithoutTheIdentifiers() {
        Pseudonymiser before = Pseudonymiser.withKey(key);
        Pseudonymiser after = before.rotatedTo(otherKey);
        String old = before.pseudonym(NIR, "1985-05-12", "1");
        assertThat(after.rotate(old)).isEqualTo(after.pseudonym(NIR, "1985-05-12", "1")).isNotEqualTo(old);
    }

    @Test
    void revealsNoIdentifierInOutputsErrorsOrDescriptions() {
        Pseudonymiser p = Pseudonymiser.withKey(key);
        String out = p.pseudonym(NIR, "1985-05-12", "1");
        assertThat(out).doesNotContain(NIR).doesNotContain("1985").doesNotContain("850512");
        assertThat(Identity.normalised(NIR, "1985-05-12", "1").toString()).doesNotContain(NIR).doesNotContain("1985");
        assertThat(p.toString() + key).doesNotContain(Base64.getEncoder().encodeToString(filled((byte) 7)))
                .doesNotContain("0707070707");
        assertThatThrownBy(() -> p.pseudonym("18505780060843X", "1985-05-12", "1"))
                .isInstanceOf(PseudonymException.class).hasMessageContaining("nationalId")
                .hasMessageNotContaining("18505780060843");
        assertThatThrownBy(() -> p.pseudonym(NIR, "1985-13-12", "1"))
                .hasMessageContaining("birthDate").hasMessageNotContaining("1985");
        assertThatThrownBy(() -> p.pseudonym(NIR, "1985-05-12", "X9"))
                .hasMessageContaining("sex").hasMessageNotContaining("X9");
    }

    @Test
    void readsAKeyFromABase64FileAndRejectsShortKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.b64");
        Files.writeString(file, Base64.getEncoder().encodeToString(filled((byte) 7)) + "\n", StandardCharsets.US_ASCII);
        assertThat(PseudonymKey.fromFile(file).fingerprint()).isEqualTo(key.fingerprint());
        assertThatThrownBy(() -> PseudonymKey.of(new byte[16])).hasMessageContaining("at least 32 bytes");
    }

    private static byte[] filled(byte b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, b);
        return bytes;
    }
}
