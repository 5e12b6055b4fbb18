package org.healthgraph.app.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.healthgraph.graphql.access.Role;

/**
 * The demo's users, one a role (two stewards, since nobody approves their own proposal), with
 * passwords drawn at each start and printed once the server is ready: a demo serves loopback only and
 * its folder is emptied at each start, so nothing outlives it.
 */
public final class DemoLogins {

    /** A user of the demo: name, password (shown once), role. */
    public record Login(String name, String password, Role role) {
        @Override
        public String toString() {
            return "Login[" + name + ", " + role + "]";
        }
    }

    private static final Map<String, Role> USERS = Map.of("lecteur", Role.READER, "chercheur", Role.RESEARCHER,
            "analyste", Role.ANALYST, "gestionnaire", Role.STEWARD, "relecteur", Role.STEWARD, "admin", Role.ADMIN);
    private static final List<String> ORDER = List.of("lecteur", "chercheur", "analyste", "gestionnaire", "relecteur", "admin");
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final List<Login> logins;

    private DemoLogins(List<Login> logins) {
        this.logins = logins;
    }

    /** New passwords for the demo's users. */
    public static DemoLogins draw() {
        SecureRandom random = new SecureRandom();
        List<Login> logins = new ArrayList<>();
        for (String name : ORDER) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            logins.add(new Login(name, password.toString(), USERS.get(name)));
        }
        return new DemoLogins(List.copyOf(logins));
    }

    public List<Login> logins() {
        return logins;
    }

    /** The users, hashed, as {@link LocalUsers} holds them. */
    public LocalUsers users() {
        return LocalUsers.of(logins.stream().map(l -> new LocalUsers.LocalUser(l.name(), EnumSet.of(l.role()),
                LocalUsers.hash(l.password()).substring(LocalUsers.BCRYPT.length()))).toList());
    }
}
