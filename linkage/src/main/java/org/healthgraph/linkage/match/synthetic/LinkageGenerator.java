package org.healthgraph.linkage.match.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.healthgraph.linkage.match.LinkageException;

/**
 * Generates a national file, a cohort drawn from it and corrupted, the truth, and a configuration.
 * Deterministic for a seed. See docs/linkage.md for the corruption rates.
 */
public final class LinkageGenerator {

    /** The linkage situations: the SNDS's two, and a third from another corruption model. */
    public enum Situation {
        /** Names, first names, birth date, sex, postcode (a cohort with identifiers). */
        IDENTIFIERS,
        /** Sex, birth year and month, département, hospital stay date, hospital (FINESS), diagnosis (ICD-10). */
        QUASI_IDENTIFIERS,
        /**
         * A cohort typed by its participants against a register of birth names, from another
         * generator (married names, nicknames, swapped columns: docs/linkage.md).
         */
        REGISTER;

        public static Situation parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "identifiers", "direct", "names" -> IDENTIFIERS;
                case "quasi-identifiers", "quasi", "indirect" -> QUASI_IDENTIFIERS;
                case "register", "birth-names" -> REGISTER;
                default -> throw new LinkageException("situation '" + s + "': expected identifiers, quasi-identifiers or register");
            };
        }
    }

    /** The files written: the right file (national or register), the cohort, the truth, the configuration. */
    public record Generated(Path national, Path cohort, Path truth, Path config, int matches) {
    }

    /** Share of cohort records that have no counterpart in the national file. */
    public static final double NOT_IN_NATIONAL = 0.03;

    /** Share of women with a married name (nom d'usage), drawn like any surname. */
    public static final double MARRIED = 0.20;

    /** Share of married women whose usage name the national file also holds (column nom_usage). */
    public static final double USAGE_NAME_KNOWN = 0.75;

    /** Share of married women whom the cohort records under their married name instead of their birth name. */
    public static final double COHORT_USES_MARRIED_NAME = 0.5;

    private static final String[] SURNAMES = {"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND",
        "DUBOIS", "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
        "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER", "LEFEVRE",
        "FAURE", "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "FRANCOIS", "LEGRAND",
        "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLEMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU",
        "GAUTIER", "MASSON", "MARCHAND", "DUVAL", "DENIS", "DUMONT", "MARIE", "LEMAIRE", "NOEL", "MEYER", "DUFOUR",
        "MEUNIER", "BRUN", "BLANCHARD", "GIRAUD", "JOLY", "RIVIERE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER",
        "ARNAUD", "MARTINEZ", "GERARD", "ROCHE", "RENARD", "SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL", "CARON",
        "PICARD", "ROGER", "FABRE", "AUBERT", "LEMOINE", "RENAUD", "DUMAS", "LACROIX", "OLIVIER", "PHILIPPE",
        "BOURGEOIS", "PIERRE", "BENOIT", "REY", "LECLERC", "PAYET", "ROLLAND", "LECLERCQ", "GUILLAUME", "LECOMTE"};
    private static final String[] MALE = {"JEAN", "PIERRE", "MICHEL", "ANDRE", "PHILIPPE", "ALAIN", "BERNARD",
        "JACQUES", "DANIEL", "CHRISTIAN", "NICOLAS", "PATRICK", "FRANCOIS", "CHRISTOPHE", "LOUIS", "THOMAS",
        "JULIEN", "DAVID", "ERIC", "FREDERIC", "LAURENT", "STEPHANE", "PASCAL", "SEBASTIEN", "OLIVIER", "THIERRY",
        "GERARD", "MARCEL", "ROGER", "PAUL", "HUGO", "LUCAS", "LEO", "GABRIEL", "ARTHUR", "RAPHAEL", "MAXIME",
        "ANTOINE", "ALEXANDRE", "VINCENT", "JEAN PIERRE", "JEAN LUC", "JEAN CLAUDE", "YVES", "HENRI", "ROBERT",
        "GEORGES", "RENE", "CLAUDE", "DOMINIQUE", "GUY", "MATHIS", "NATHAN", "ETIENNE", "BENOIT", "CEDRIC",
        "DIDIER", "FABRICE", "GUILLAUME", "JEROME"};
    private static final String[] FEMALE = {"MARIE", "JEANNE", "FRANCOISE", "MONIQUE", "CATHERINE", "NATHALIE",
        "ISABELLE", "JACQUELINE", "ANNE", "SYLVIE", "MARTINE", "MADELEINE", "NICOLE", "SUZANNE", "HELENE",
        "CHRISTINE", "MARGUERITE", "DENISE", "LOUISE", "CHRISTIANE", "SANDRINE", "VALERIE", "SOPHIE", "CELINE",
        "CHANTAL", "STEPHANIE", "VERONIQUE", "JULIE", "AURELIE", "CAROLINE", "EMMA", "JADE", "LOUISE", "ALICE",
        "CHLOE", "LINA", "LEA", "MANON", "CAMILLE", "SARAH", "MARIE CLAIRE", "ANNE MARIE", "MARIE FRANCE",
        "ODETTE", "YVONNE", "PAULETTE", "SIMONE", "GENEVIEVE", "COLETTE", "BRIGITTE", "DOMINIQUE", "PASCALE",
        "EMILIE", "LAURA", "PAULINE", "MATHILDE", "ELODIE", "AGNES", "CLAIRE", "ELISE"};
    private static final String[] SYLLABLES = {"BA", "BE", "BO", "CA", "CHA", "DE", "DU", "FA", "FO", "GA", "GUI",
        "LA", "LE", "LI", "LO", "MA", "ME", "MO", "NA", "NE", "PA", "PE", "PI", "RA", "RE", "RI", "RO", "SA", "SE",
        "TA", "TE", "TI", "VA", "VE", "VI", "ZO", "BRI", "CRE", "GRO", "TRA", "VAL", "MON", "CHE", "POU", "LOU"};
    private static final String[] ENDINGS = {"", "T", "N", "RD", "UX", "LT", "IN", "AND", "ET", "IER", "OT", "AUD",
        "EAU", "ON", "ARD", "ERT", "IN", "ELLE", "Y", "S"};
    private static final String[] AZERTY_ROWS = {"AZERTYUIOP", "QSDFGHJKLM", "WXCVBN"};

    private LinkageGenerator() {
    }

    /**
     * Writes the right file (national.csv, or register.csv for {@link Situation#REGISTER}),
     * cohort.csv, truth.csv and linkage.yaml into {@code dir}.
     */
    public static Generated generate(Situation situation, int national, int cohort, long seed, Path dir) {
        if (national < 1 || cohort < 1) {
            throw new LinkageException("generate: sizes must be positive");
        }
        try {
            Files.createDirectories(dir);
            return switch (situation) {
                case IDENTIFIERS -> new Identifiers(new SplittableRandom(seed)).write(national, cohort, dir);
                case QUASI_IDENTIFIERS -> new QuasiIdentifiers(new SplittableRandom(seed)).write(national, cohort, dir);
                case REGISTER -> new RegisterGenerator(new SplittableRandom(seed)).write(national, cohort, dir);
            };
        } catch (IOException e) {
            throw new LinkageException("generate: cannot write into " + dir, e);
        }
    }

    /** Draws an index in [0, n) with Zipf-like weights (exponent 1). */
    static int zipf(SplittableRandom r, int n) {
        double hn = Math.log(n) + 0.5772;
        double target = r.nextDouble() * hn;
        int k = (int) Math.floor(Math.exp(target - 0.5772));
        return Math.min(n - 1, Math.max(0, k - 1));
    }

    /**
     * Draws an index in [0, n) with weights 1/(k + offset): a long tail whose head is flatter than
     * Zipf's. With 20,000 surnames and offset 30 the commonest holds about 0.5% of people, close
     * to MARTIN's share in France.
     */
    static int shiftedZipf(SplittableRandom r, int n, double offset) {
        double k = offset * Math.exp(r.nextDouble() * Math.log((n + offset) / offset)) - offset;
        return Math.min(n - 1, Math.max(0, (int) k));
    }

    /** A typo: keyboard-adjacent substitution, deletion, insertion or transposition. */
    static String typo(SplittableRandom r, String s) {
        if (s.length() < 2) {
            return s;
        }
        int p = r.nextInt(s.length());
        StringBuilder b = new StringBuilder(s);
        double kind = r.nextDouble();
        if (kind < 0.4) {
            b.setCharAt(p, neighbour(r, s.charAt(p)));
        } else if (kind < 0.6) {
            b.deleteCharAt(p);
        } else if (kind < 0.75) {
            b.insert(p, neighbour(r, s.charAt(p)));
        } else if (p < s.length() - 1) {
            b.setCharAt(p, s.charAt(p + 1));
            b.setCharAt(p + 1, s.charAt(p));
        } else {
            b.deleteCharAt(p);
        }
        return b.toString().strip();
    }

    static char neighbour(SplittableRandom r, char c) {
        for (int row = 0; row < AZERTY_ROWS.length; row++) {
            int col = AZERTY_ROWS[row].indexOf(c);
            if (col >= 0) {
                List<Character> n = new ArrayList<>();
                if (col > 0) {
                    n.add(AZERTY_ROWS[row].charAt(col - 1));
                }
                if (col < AZERTY_ROWS[row].length() - 1) {
                    n.add(AZERTY_ROWS[row].charAt(col + 1));
                }
                for (int other : new int[] {row - 1, row + 1}) {
                    if (other >= 0 && other < AZERTY_ROWS.length && col < AZERTY_ROWS[other].length()) {
                        n.add(AZERTY_ROWS[other].charAt(col));
                    }
                }
                return n.get(r.nextInt(n.size()));
            }
        }
        return c;
    }

    static Writer writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    static String orEmpty(String s, SplittableRandom r, double missing) {
        return r.nextDouble() < missing ? "" : s;
    }

    /** Situation 1: identifiers. */
    private static final class Identifiers {
        private final SplittableRandom r;
        private final String[] surnames;

        Identifiers(SplittableRandom r) {
            this.r = r;
            surnames = new String[20_000];
            for (int k = 0; k < surnames.length; k++) {
                surnames[k] = k < SURNAMES.length ? SURNAMES[k] : invented();
            }
        }

        private String invented() {
            int n = 1 + r.nextInt(3);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < n; k++) {
                b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            }
            return b.append(ENDINGS[r.nextInt(ENDINGS.length)]).toString();
        }

        private String[] person() {
            int sex = 1 + r.nextInt(2);
            String first = sex == 1 ? MALE[zipf(r, MALE.length)] : FEMALE[zipf(r, FEMALE.length)];
            LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(r.nextInt(365 * 85));
            String postcode = String.format("%02d%03d", 1 + r.nextInt(95), r.nextInt(100) * 10);
            String married = sex == 2 && r.nextDouble() < MARRIED ? surnames[shiftedZipf(r, surnames.length, 30)] : null;
            return new String[] {surnames[shiftedZipf(r, surnames.length, 30)], first, Integer.toString(sex), birth.toString(), postcode,
                married};
        }

        Generated write(int national, int cohort, Path dir) throws IOException {
            String[][] people = new String[national][];
            Path nat = dir.resolve("national.csv");
            try (Writer w = writer(nat)) {
                // nom is the birth name (nom de naissance), nom_usage the usage name when the file knows one
                w.write("id,nom,nom_usage,prenom,sexe,date_naissance,code_postal\n");
                for (int k = 0; k < national; k++) {
                    String[] p = person();
                    people[k] = p;
                    String usage = p[5] != null && r.nextDouble() < USAGE_NAME_KNOWN ? p[5] : "";
                    w.write("N" + k + "," + p[0] + "," + usage + "," + String.join(",", p[1], p[2], p[3], p[4]) + "\n");
                }
            }
            int matches = 0;
            Path coh = dir.resolve("cohort.csv");
            Path truth = dir.resolve("truth.csv");
            try (Writer c = writer(coh); Writer t = writer(truth)) {
                c.write("id,nom,prenom,sexe,date_naissance,code_postal\n");
                t.write("left_id,right_id\n");
                boolean[] used = new boolean[national];
                for (int k = 0; k < cohort; k++) {
                    String[] p;
                    if (r.nextDouble() < NOT_IN_NATIONAL) {
                        p = person();
                    } else {
                        int n;
                        do {
                            n = r.nextInt(national);
                        } while (used[n]);
                        used[n] = true;
                        p = people[n].clone();
                        t.write("C" + k + ",N" + n + "\n");
                        matches++;
                    }
                    c.write("C" + k + "," + String.join(",", corrupt(p)) + "\n");
                }
            }
            Path config = dir.resolve("linkage.yaml");
            Files.writeString(config, """
                    # Generated by healthgraph generate linkage (situation: identifiers)
                    left: {path: cohort.csv, id: id}
                    right: {path: national.csv, id: id}
                    fields:
                      # the cohort's name against the national birth name or usage name, whichever compares best
                      - {name: nom, type: name, leftColumn: nom, rightColumn: [nom, nom_usage], termFrequency: true,
                         levels: [exact, "damerau-levenshtein<=1", "jaro-winkler>=0.9", soundex-fr, "jaro-winkler>=0.8"]}
                      - {name: prenom, type: name, termFrequency: true,
                         levels: [exact, "damerau-levenshtein<=1", "jaro-winkler>=0.9", soundex-fr, "jaro-winkler>=0.8"]}
                      - {name: sexe, type: exact}
                      - {name: date_naissance, type: date, format: yyyy-MM-dd, levels: [exact, day-month-swap, "within-days:31", same-year]}
                      - {name: code_postal, type: code, levels: [exact, "prefix:2"]}
                    blocking:
                      - {name: birth date, keys: [date_naissance]}
                      - {name: surname sound and birth year, keys: ["nom|soundex-fr", "date_naissance|year"]}
                      - {name: names, keys: [nom, prenom]}
                      - {name: first name and birth month, keys: ["prenom|soundex-fr", "date_naissance|yearmonth"]}
                      - {name: first name and postcode, keys: ["prenom|soundex-fr", code_postal]}
                      - {name: surname and postcode, keys: ["nom|soundex-fr", code_postal]}
                    decision: {mode: one-to-one, threshold: 0.5}
                    """);
            return new Generated(nat, coh, truth, config, matches);
        }

        /** Corruption rates: see docs/linkage.md. */
        private String[] corrupt(String[] p) {
            String[] q = java.util.Arrays.copyOf(p, 5);
            if (p[5] != null && r.nextDouble() < COHORT_USES_MARRIED_NAME) {
                q[0] = p[5];
            } else if (r.nextDouble() < 0.08) {
                q[0] = typo(r, q[0]);
            }
            if (r.nextDouble() < 0.06) {
                q[1] = typo(r, q[1]);
            } else if (q[1].contains(" ") && r.nextDouble() < 0.3) {
                q[1] = q[1].substring(0, q[1].indexOf(' '));
            }
            if (r.nextDouble() < 0.005) {
                q[2] = "1".equals(q[2]) ? "2" : "1";
            }
            LocalDate d = LocalDate.parse(q[3]);
            double x = r.nextDouble();
            if (x < 0.02 && d.getDayOfMonth() <= 12 && d.getDayOfMonth() != d.getMonthValue()) {
                q[3] = LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue()).toString();
            } else if (x < 0.04) {
                q[3] = d.plusDays(r.nextBoolean() ? 1 : -1).toString();
            } else if (x < 0.05) {
                q[3] = d.withYear(d.getYear() + (r.nextBoolean() ? 1 : -1)).toString();
            }
            if (r.nextDouble() < 0.15) {
                q[4] = String.format("%02d%03d", 1 + r.nextInt(95), r.nextInt(100) * 10);
            }
            q[0] = orEmpty(q[0], r, 0.02);
            q[1] = orEmpty(q[1], r, 0.02);
            q[2] = orEmpty(q[2], r, 0.01);
            q[3] = orEmpty(q[3], r, 0.01);
            q[4] = orEmpty(q[4], r, 0.03);
            if (r.nextDouble() < 0.3) {
                q[0] = q[0].toLowerCase(Locale.ROOT);
            }
            return q;
        }
    }

    /** Situation 2: quasi-identifiers only. */
    private static final class QuasiIdentifiers {
        private final SplittableRandom r;
        private final String[] categories;

        QuasiIdentifiers(SplittableRandom r) {
            this.r = r;
            categories = new String[400];
            for (int k = 0; k < categories.length; k++) {
                categories[k] = (char) ('A' + r.nextInt(26)) + String.format("%02d", r.nextInt(100));
            }
        }

        private String finess(int dept) {
            return String.format("%02d%07d", dept, 10 * zipf(r, 15));
        }

        private String[] person() {
            int dept = 1 + r.nextInt(95);
            String finess = r.nextDouble() < 0.85 ? finess(dept) : finess(1 + r.nextInt(95));
            LocalDate stay = LocalDate.of(2023, 1, 1).plusDays(r.nextInt(730));
            String diag = categories[zipf(r, categories.length)] + r.nextInt(10);
            return new String[] {Integer.toString(1 + r.nextInt(2)), Integer.toString(1935 + r.nextInt(85)),
                Integer.toString(1 + r.nextInt(12)), String.format("%02d", dept), stay.toString(), finess, diag};
        }

        Generated write(int national, int cohort, Path dir) throws IOException {
            String[][] people = new String[national][];
            String header = "id,sexe,annee_naissance,mois_naissance,departement,date_entree,finess,diag\n";
            Path nat = dir.resolve("national.csv");
            try (Writer w = writer(nat)) {
                w.write(header);
                for (int k = 0; k < national; k++) {
                    people[k] = person();
                    w.write("N" + k + "," + String.join(",", people[k]) + "\n");
                }
            }
            int matches = 0;
            Path coh = dir.resolve("cohort.csv");
            Path truth = dir.resolve("truth.csv");
            try (Writer c = writer(coh); Writer t = writer(truth)) {
                c.write(header);
                t.write("left_id,right_id\n");
                boolean[] used = new boolean[national];
                for (int k = 0; k < cohort; k++) {
                    String[] p;
                    if (r.nextDouble() < NOT_IN_NATIONAL) {
                        p = person();
                    } else {
                        int n;
                        do {
                            n = r.nextInt(national);
                        } while (used[n]);
                        used[n] = true;
                        p = people[n].clone();
                        t.write("C" + k + ",N" + n + "\n");
                        matches++;
                    }
                    c.write("C" + k + "," + String.join(",", corrupt(p)) + "\n");
                }
            }
            Path config = dir.resolve("linkage.yaml");
            Files.writeString(config, """
                    # Generated by healthgraph generate linkage (situation: quasi-identifiers)
                    left: {path: cohort.csv, id: id}
                    right: {path: national.csv, id: id}
                    fields:
                      - {name: sexe, type: exact}
                      - {name: annee_naissance, type: number, levels: [exact, "within:1"]}
                      - {name: mois_naissance, type: exact}
                      - {name: departement, type: exact}
                      - {name: date_entree, type: date, format: yyyy-MM-dd, levels: [exact, "within-days:1", "within-days:7", same-year-month]}
                      - {name: finess, type: exact, termFrequency: true}
                      - {name: diag, type: code, levels: [exact, "prefix:3", "prefix:1"], termFrequency: true}
                    blocking:
                      - {name: stay date and sex, keys: [date_entree, sexe]}
                      - {name: hospital, stay month and birth year, keys: [finess, "date_entree|yearmonth", annee_naissance]}
                      - {name: birth and residence, keys: [annee_naissance, mois_naissance, departement, sexe]}
                    decision: {mode: one-to-one, threshold: 0.5}
                    """);
            return new Generated(nat, coh, truth, config, matches);
        }

        /** Corruption rates: see docs/linkage.md. */
        private String[] corrupt(String[] p) {
            String[] q = p.clone();
            if (r.nextDouble() < 0.10) {
                q[4] = LocalDate.parse(q[4]).plusDays(r.nextBoolean() ? 1 : -1).toString();
            }
            double d = r.nextDouble();
            if (d < 0.20) {
                q[6] = q[6].substring(0, 3) + r.nextInt(10);
            } else if (d < 0.23) {
                q[6] = categories[zipf(r, categories.length)] + r.nextInt(10);
            }
            if (r.nextDouble() < 0.08) {
                q[3] = String.format("%02d", 1 + r.nextInt(95));
            }
            if (r.nextDouble() < 0.02) {
                q[5] = finess(Integer.parseInt(q[3]));
            }
            if (r.nextDouble() < 0.01) {
                q[1] = Integer.toString(Integer.parseInt(q[1]) + (r.nextBoolean() ? 1 : -1));
            }
            q[0] = orEmpty(q[0], r, 0.005);
            q[2] = orEmpty(q[2], r, 0.03);
            q[5] = orEmpty(q[5], r, 0.03);
            q[6] = orEmpty(q[6], r, 0.02);
            return q;
        }
    }
}
