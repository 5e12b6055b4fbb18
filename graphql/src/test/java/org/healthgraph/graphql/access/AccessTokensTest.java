package org.healthgraph.graphql.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessTokensTest {

    @Test
    void grantsPatientDataOnlyToAListedToken() {
        String token = AccessTokens.newToken();
        AccessTokens tokens = AccessTokens.of(List.of(" ", AccessTokens.hash("other").toUpperCase(), AccessTokens.hash(token)));

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.grantsPatientData(token)).isTrue();
        assertThat(tokens.grantsPatientData("other")).isTrue();
        assertThat(tokens.grantsPatientData(token + "x")).isFalse();
        assertThat(tokens.grantsPatientData("")).isFalse();
        assertThat(tokens.grantsPatientData(null)).isFalse();
    }

    @Test
    void grantsNothingWhenNoHashIsListed() {
        assertThat(AccessTokens.of(List.of("")).grantsPatientData("anything")).isFalse();
    }

    @Test
    void makesADifferentTokenEachTime() {
        assertThat(AccessTokens.newToken()).isNotEqualTo(AccessTokens.newToken()).hasSize(43);
    }

    @Test
    void refusesAMalformedHashNamingTheSettingAndItsPosition() {
        String token = AccessTokens.newToken();

        assertThatThrownBy(() -> AccessTokens.of(List.of(AccessTokens.hash(token), token)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(AccessTokens.SETTING).hasMessageContaining("value 2")
                .hasMessageNotContaining(token);
    }
}
