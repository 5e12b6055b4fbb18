package org.healthgraph.graph.gremlin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.tinkerpop.gremlin.structure.T;

/**
 * Property values as every Gremlin database can store them. Strings, longs, doubles and booleans are
 * stored as they are (other integers as longs, floats as doubles); a list, which JanusGraph and
 * Neptune do not accept as one property value, and a {@link LocalDate}, which they have no type for,
 * are stored as strings starting with the control character U+001E: a JSON array, or {@code d} and
 * the ISO date (so that dates still sort in time order). Reading decodes them back, so adapters see
 * the same Java values as from Neo4j (integers as {@code Long}, lists as {@code List}).
 */
public final class GremlinValues {

    /** The prefix of encoded values; a control character that no catalog or patient text holds. */
    public static final char MARK = '\u001E';

    private GremlinValues() {
    }

    /** The stored form of a property value; {@code null} stays {@code null} (remove the property). */
    public static Object encode(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof LocalDate d) {
            return MARK + "d" + d;
        }
        if (value instanceof Collection<?> c) {
            StringBuilder b = new StringBuilder().append(MARK);
            Json.write(new ArrayList<>(c), b);
            return b.toString();
        }
        if (value instanceof Object[] array) {
            return encode(List.of(array));
        }
        if (value instanceof long[] longs) {
            return encode(java.util.Arrays.stream(longs).boxed().toList());
        }
        if (value instanceof double[] doubles) {
            return encode(java.util.Arrays.stream(doubles).boxed().toList());
        }
        throw new IllegalArgumentException("a graph property cannot hold a " + value.getClass().getSimpleName()
                + " (strings, numbers, booleans, dates and lists of them only)");
    }

    /** The Java value of a stored property value. */
    public static Object decode(Object stored) {
        if (stored instanceof String s && !s.isEmpty() && s.charAt(0) == MARK) {
            if (s.length() > 1 && s.charAt(1) == 'd') {
                return LocalDate.parse(s.substring(2));
            }
            return Json.parse(s.substring(1));
        }
        if (stored instanceof Integer || stored instanceof Short || stored instanceof Byte) {
            return ((Number) stored).longValue();
        }
        if (stored instanceof Float f) {
            return f.doubleValue();
        }
        if (stored instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(decode(v)));
            return out;
        }
        if (stored instanceof Map<?, ?> map) {
            return row(map);
        }
        return stored;
    }

    /**
     * The properties of an {@code elementMap()} or {@code valueMap()} result, decoded: the id and
     * label entries ({@link T} keys) are left out, and a one-element list (what {@code valueMap()}
     * gives for a vertex property) is unwrapped.
     */
    public static Map<String, Object> properties(Map<?, ?> elementMap) {
        Map<String, Object> out = new LinkedHashMap<>();
        elementMap.forEach((k, v) -> {
            if (k instanceof String name) {
                Object value = v instanceof List<?> l && l.size() == 1 && !(l.getFirst() instanceof List) ? l.getFirst() : v;
                out.put(name, decode(value));
            }
        });
        return out;
    }

    /** A map of projected values ({@code project(...)} results), every value decoded; keys as strings. */
    public static Map<String, Object> row(Map<?, ?> projected) {
        Map<String, Object> out = new LinkedHashMap<>();
        projected.forEach((k, v) -> out.put(String.valueOf(k), decode(v)));
        return out;
    }

    /** The stored forms of every value of {@code row}. */
    public static Map<String, Object> encodeAll(Map<String, ?> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, encode(v)));
        return out;
    }

    /** Just enough JSON for lists of scalars (and lists of them). */
    private static final class Json {

        static void write(Object v, StringBuilder b) {
            switch (v) {
                case null -> b.append("null");
                case String s -> string(s, b);
                case Boolean bool -> b.append(bool);
                case Double d when d.isNaN() || d.isInfinite() -> string(d.toString(), b);
                case Float f -> b.append(f.doubleValue());
                case Number n -> b.append(n);
                case Collection<?> c -> {
                    b.append('[');
                    boolean first = true;
                    for (Object e : c) {
                        if (!first) {
                            b.append(',');
                        }
                        first = false;
                        write(e, b);
                    }
                    b.append(']');
                }
                case LocalDate d -> string(d.toString(), b);
                default -> throw new IllegalArgumentException("a list in a graph property cannot hold a "
                        + v.getClass().getSimpleName());
            }
        }

        private static void string(String s, StringBuilder b) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }

        static Object parse(String text) {
            Json.Reader r = new Json.Reader(text);
            Object v = r.value();
            r.skipSpace();
            if (r.at < text.length()) {
                throw new IllegalArgumentException("an encoded graph property has trailing characters at " + r.at);
            }
            return v;
        }

        private static final class Reader {
            private final String s;
            private int at;

            Reader(String s) {
                this.s = s;
            }

            void skipSpace() {
                while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                    at++;
                }
            }

            Object value() {
                skipSpace();
                if (at >= s.length()) {
                    throw new IllegalArgumentException("an encoded graph property ends early");
                }
                char c = s.charAt(at);
                if (c == '[') {
                    return list();
                }
                if (c == '"') {
                    return string();
                }
                if (s.startsWith("null", at)) {
                    at += 4;
                    return null;
                }
                if (s.startsWith("true", at)) {
                    at += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("false", at)) {
                    at += 5;
                    return Boolean.FALSE;
                }
                return number();
            }

            private List<Object> list() {
                List<Object> out = new ArrayList<>();
                at++;
                skipSpace();
                if (at < s.length() && s.charAt(at) == ']') {
                    at++;
                    return out;
                }
                while (true) {
                    out.add(value());
                    skipSpace();
                    char c = s.charAt(at++);
                    if (c == ']') {
                        return out;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("an encoded graph property has '" + c + "' at " + (at - 1));
                    }
                }
            }

            private String string() {
                StringBuilder b = new StringBuilder();
                at++;
                while (true) {
                    char c = s.charAt(at++);
                    if (c == '"') {
                        return b.toString();
                    }
                    if (c == '\\') {
                        char e = s.charAt(at++);
                        switch (e) {
                            case 'u' -> {
                                b.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                                at += 4;
                            }
                            case 'n' -> b.append('\n');
                            case 't' -> b.append('\t');
                            case 'r' -> b.append('\r');
                            default -> b.append(e);
                        }
                    } else {
                        b.append(c);
                    }
                }
            }

            private Object number() {
                int start = at;
                while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                    at++;
                }
                String n = s.substring(start, at);
                if (n.isEmpty()) {
                    throw new IllegalArgumentException("an encoded graph property has an unexpected character at " + at);
                }
                return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n)
                        : (Object) Long.parseLong(n);
            }
        }
    }
}
