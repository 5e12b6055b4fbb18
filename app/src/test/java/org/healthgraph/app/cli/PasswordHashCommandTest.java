package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.healthgraph.app.identity.LocalUsers;
import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;

class PasswordHashCommandTest {

    private static CliRun withInput(String input, String... args) {
        InputStream in = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return CliRun.of(args);
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void printsAnEntryWhoseHashLogsTheUserInAndNeverThePassword() {
        CliRun run = withInput("a long enough password\n", "password-hash", "alice", "--role", "steward", "--role", "RESEARCHER", "--stdin");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("a long enough password");
        String entry = run.out().lines().filter(l -> l.contains(LocalUsers.SETTING + "=")).findFirst().orElseThrow().strip()
                .substring(LocalUsers.SETTING.length() + 1);
        assertThat(entry).startsWith("alice:").contains("STEWARD").contains("RESEARCHER");
        assertThat(LocalUsers.parse(List.of(entry)).authenticate("alice", "a long enough password")).isPresent();
    }

    @Test
    void refusesAShortPasswordAndAnUnknownRoleNamingTheRule() {
        assertThat(withInput("short\n", "password-hash", "alice", "--role", "READER", "--stdin").err())
                .contains("the password has 5 characters; give at least 12");
        CliRun role = withInput("a long enough password\n", "password-hash", "alice", "--role", "CHIEF", "--stdin");
        assertThat(role.exit()).isNotZero();
        assertThat(role.err()).contains("--role: 'CHIEF' is not a role");
    }
}
