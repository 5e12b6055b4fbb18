package org.healthgraph.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.healthgraph.graphql.access.Role;
import org.junit.jupiter.api.Test;

class LocalUsersTest {

    private static final String HASH = LocalUsers.hash("correct horse battery");

    @Test
    void aUserLogsInWithTheirPasswordOnlyAndNamesAreCaseInsensitive() {
        LocalUsers users = LocalUsers.parse(List.of(" alice:STEWARD+researcher:" + HASH + " ", ""));

        assertThat(users.authenticate("Alice", "correct horse battery")).get()
                .satisfies(u -> assertThat(u.roles()).isEqualTo(Set.of(Role.STEWARD, Role.RESEARCHER)));
        assertThat(users.authenticate("alice", "correct horse batter")).isEmpty();
        assertThat(users.authenticate("bob", "correct horse battery")).isEmpty();
        assertThat(users.size()).isEqualTo(1);
    }

    @Test
    void badEntriesAreRefusedNamingTheEntryAndTheRuleButNeverTheHash() {
        assertThatThrownBy(() -> LocalUsers.parse(List.of("alice:READER:" + HASH, "bob:READER:secret")))
                .hasMessageContaining("healthgraph.security.users: entry 2 (user 'bob')").hasMessageContaining("never in plain text");
        assertThatThrownBy(() -> LocalUsers.parse(List.of("alice:CHIEF:" + HASH)))
                .hasMessageContaining("entry 1 (user 'alice'): 'CHIEF' is not a role").hasMessageNotContaining(HASH);
        assertThatThrownBy(() -> LocalUsers.parse(List.of("alice:" + HASH.substring(0, 10))))
                .hasMessageContaining("entry 1 is not name:ROLE");
        assertThatThrownBy(() -> LocalUsers.parse(List.of("alice:READER:" + HASH, "ALICE:ADMIN:" + HASH)))
                .hasMessageContaining("entry 2 names the user 'ALICE' a second time");
        assertThatThrownBy(() -> LocalUsers.parse(List.of("a b:READER:" + HASH))).hasMessageContaining("a user name is 1 to 64");
    }
}
