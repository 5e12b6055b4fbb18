package org.healthgraph.app.identity;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.healthgraph.graphql.access.Role;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The local users of {@code healthgraph.security.users}: each entry is
 * {@code name:ROLE[+ROLE...]:{bcrypt}hash}. Only hashes are configured (make one with
 * {@code healthgraph password-hash}); a plain-text password is refused at start.
 */
public final class LocalUsers {

    /** The setting, named in errors. */
    public static final String SETTING = "healthgraph.security.users";
    /** The prefix of the one hash algorithm accepted. */
    public static final String BCRYPT = "{bcrypt}";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder();
    /** Checked against when the name is unknown, so that an unknown name costs the time of a known one. */
    private static final String UNKNOWN_USER_HASH = ENCODER.encode("no user has this password");

    /** One user: a name, the roles held, and the password's hash (without its {bcrypt} prefix). */
    public record LocalUser(String name, Set<Role> roles, String hash) {
        public LocalUser {
            roles = Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "LocalUser[" + name + ", " + roles + "]";
        }
    }

    private final Map<String, LocalUser> users;

    private LocalUsers(Map<String, LocalUser> users) {
        this.users = users;
    }

    /**
     * @throws IllegalArgumentException naming the setting, the entry's position and the rule (never the hash)
     */
    public static LocalUsers parse(List<String> entries) {
        Map<String, LocalUser> users = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty()) {
                continue;
            }
            LocalUser user = parse(entry, i + 1);
            if (users.putIfAbsent(user.name().toLowerCase(Locale.ROOT), user) != null) {
                throw new IllegalArgumentException(SETTING + ": entry " + (i + 1) + " names the user '" + user.name()
                        + "' a second time");
            }
        }
        return new LocalUsers(Map.copyOf(users));
    }

    /** The users given, already hashed (the demo's). */
    public static LocalUsers of(List<LocalUser> list) {
        Map<String, LocalUser> users = new LinkedHashMap<>();
        list.forEach(u -> users.put(u.name().toLowerCase(Locale.ROOT), u));
        return new LocalUsers(Map.copyOf(users));
    }

    private static LocalUser parse(String entry, int position) {
        String where = SETTING + ": entry " + position;
        String[] parts = entry.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(where + " is not name:ROLE[+ROLE...]:{bcrypt}hash (make one with 'healthgraph password-hash')");
        }
        String name = parts[0].strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": a user name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : parts[1].split("\\+")) {
            roles.add(role(role.strip(), where + " (user '" + name + "')"));
        }
        String hash = parts[2].strip();
        if (!hash.startsWith(BCRYPT) || !hash.substring(BCRYPT.length()).matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalArgumentException(where + " (user '" + name + "'): the password must be given as a {bcrypt} hash,"
                    + " never in plain text (make one with 'healthgraph password-hash')");
        }
        return new LocalUser(name, roles, hash.substring(BCRYPT.length()));
    }

    /** The role named {@code text} (any case). */
    public static Role role(String text, String where) {
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + cut(text) + "' is not a role (one of " + List.of(Role.values()) + ")", e);
        }
    }

    /** The user whose name and password these are; empty otherwise, after the same work either way. */
    public Optional<LocalUser> authenticate(String name, String password) {
        LocalUser user = name == null ? null : users.get(name.strip().toLowerCase(Locale.ROOT));
        boolean matches = ENCODER.matches(password == null ? "" : password, user == null ? UNKNOWN_USER_HASH : user.hash());
        return user != null && matches ? Optional.of(user) : Optional.empty();
    }

    /** How many users there are. */
    public int size() {
        return users.size();
    }

    /** The hash to configure for {@code password} ({bcrypt}, cost 10). */
    public static String hash(String password) {
        return BCRYPT + ENCODER.encode(password);
    }

    static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
