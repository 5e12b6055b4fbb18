package org.healthgraph.linkage.match.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The third linkage situation, written apart from {@link LinkageGenerator} with its own name model
 * and its own corruption steps: a research cohort whose participants typed their own identity
 * against a civil register that knows birth names only.
 *
 * <p><b>Register</b> ({@code register.csv}, {@code ;}-separated, columns
 * {@code ident;sexe;nom_naissance;prenom;date_naissance;code_postal}): upper case without accents,
 * as national registers write names; the birth name only (no usage-name column); dates
 * {@code dd/MM/yyyy}. People are born 1935-2006 (more in the 1950s-1970s), with first names drawn
 * from the fashion of their birth period (or of their family's origin), surnames from several
 * origins (French regions, Brittany, Alsace, Italy, Spain and Portugal, the Maghreb, West Africa,
 * Vietnam, Armenia) with a long tail of composed names, postcodes weighted by département population.
 *
 * <p><b>Cohort</b> ({@code cohort.csv}, {@code ,}-separated, other column names and order:
 * {@code participant,date_de_naissance,prenom,nom,sexe,cp}), as typed by participants: title case
 * with accents and hyphens mostly. Corruptions (per record, independent unless said):
 * <ul>
 * <li>not in the register: {@value #NOT_IN_REGISTER} of participants (born abroad, say);</li>
 * <li>women under a married name: {@value #MARRIED_NAME} of women (the husband's surname, drawn
 *     from the surname model); a further {@value #DOUBLE_NAME} of women give birth and married
 *     names joined by a hyphen;</li>
 * <li>first name and surname swapped between the columns: {@value #SWAPPED};</li>
 * <li>a familiar form of the first name: {@value #NICKNAME} (a compound first name reduced to one
 *     of its parts; else the family's usual short form when there is one; else a clipped form,
 *     sometimes with an -O, or a doubled first syllable);</li>
 * <li>birth date off: {@value #DATE_OFF_DAYS} by 1 to 15 days, {@value #DATE_OFF_YEARS} by years
 *     (one year 80%, two 10%, ten 10%: a decade digit), day and month kept;</li>
 * <li>spelling by ear: surname {@value #SURNAME_BY_EAR}, first name {@value #FIRST_NAME_BY_EAR}
 *     (PH/F, AU/EAU/O, doubled or single consonants, silent final letters, Y/I, C/K/QU, AI/E,
 *     AN/EN, IN/AIN); a stray letter on a phone keyboard: {@value #STRAY_LETTER} of each name;</li>
 * <li>moved: {@value #MOVED} (55% within the département);</li>
 * <li>sex wrong {@value #SEX_WRONG}; missing: postcode {@value #MISSING_POSTCODE}, sex
 *     {@value #MISSING_SEX}, first name {@value #MISSING_FIRST_NAME}, surname
 *     {@value #MISSING_SURNAME}, birth date {@value #MISSING_BIRTH_DATE};</li>
 * <li>case: title case 70%, upper case 20%, lower case 10%; accents kept.</li>
 * </ul>
 * The configuration written beside the files was written once from docs/linkage.md, before any run.
 */
final class RegisterGenerator {

    static final double NOT_IN_REGISTER = 0.06;
    static final double MARRIED_NAME = 0.25;
    static final double DOUBLE_NAME = 0.03;
    static final double SWAPPED = 0.02;
    static final double NICKNAME = 0.04;
    static final double DATE_OFF_DAYS = 0.025;
    static final double DATE_OFF_YEARS = 0.025;
    static final double SURNAME_BY_EAR = 0.05;
    static final double FIRST_NAME_BY_EAR = 0.03;
    static final double STRAY_LETTER = 0.01;
    static final double MOVED = 0.12;
    static final double SEX_WRONG = 0.003;
    static final double MISSING_POSTCODE = 0.04;
    static final double MISSING_SEX = 0.02;
    static final double MISSING_FIRST_NAME = 0.01;
    static final double MISSING_SURNAME = 0.005;
    static final double MISSING_BIRTH_DATE = 0.005;

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Origins of surnames: share of the population, names written out (head), tail patterns. */
    private enum Origin {
        FRENCH(0.58, new String[] {"LEBRETON", "CHAUVIN", "BARRE", "PREVOST", "CARPENTIER", "BOUCHER", "HUET", "GUILLOT",
            "LEBLANC", "TESSIER", "COLLET", "BOUVIER", "POIRIER", "MAILLARD", "JACOB", "CHARPENTIER", "LEBRUN", "GAUDIN",
            "RENAULT", "DESCHAMPS", "BAILLY", "HERVE", "POULAIN", "MARECHAL", "COUSIN", "LANGLOIS", "BESNARD", "PASQUIER",
            "DELAUNAY", "FLEURY", "PERROT", "BOULANGER", "ROYER", "VASSEUR", "GILBERT", "CORDIER", "MOULIN", "LEGER",
            "DUPUIS", "LEMAITRE", "BRETON", "GUYOT", "COLAS", "LAMY", "REGNIER", "MALLET", "DELORME", "PERRET", "DEVAUX",
            "TOUSSAINT"}),
        BRETON(0.06, new String[] {"LE GALL", "LE GOFF", "KERMARREC", "LE BIHAN", "GUEGUEN", "LE BRIS", "TANGUY",
            "LE CORRE", "QUEMENER", "MORVAN", "LE MEUR", "JEGOU", "CADIOU", "HAMON", "LE FLOCH"}),
        GERMANIC(0.06, new String[] {"SCHNEIDER", "KLEIN", "WEBER", "WAGNER", "BECKER", "HOFFMANN", "ZIMMERMANN",
            "KOENIG", "FISCHER", "KELLER", "SCHWARTZ", "HUMBERT", "WALTER", "KIEFFER"}),
        ITALIAN(0.05, new String[] {"RUSSO", "BIANCHI", "ROMANO", "COLOMBO", "RICCI", "MARINO", "GRECO", "BRUNO",
            "GALLO", "CONTI", "ESPOSITO", "DI MARIA", "LOMBARDI"}),
        IBERIAN(0.09, new String[] {"LOPEZ", "SANCHEZ", "FERNANDEZ", "GONZALEZ", "RODRIGUEZ", "PEREZ", "DA SILVA",
            "DOS SANTOS", "PEREIRA", "FERREIRA", "RODRIGUES", "ALVES", "GOMES", "OLIVEIRA", "GIMENEZ"}),
        MAGHREBI(0.09, new String[] {"BENALI", "HADDAD", "MANSOURI", "BENSAID", "KHELIFI", "BOUZID", "AMRANI",
            "BELKACEM", "CHERIF", "HAMIDI", "BRAHIMI", "SAIDI", "MEZIANE", "BOUAZIZ"}),
        WEST_AFRICAN(0.04, new String[] {"DIALLO", "TRAORE", "KONATE", "KEITA", "SYLLA", "DIOP", "NDIAYE", "CISSE",
            "COULIBALY", "CAMARA"}),
        VIETNAMESE(0.02, new String[] {"NGUYEN", "TRAN", "PHAM", "LE", "HOANG", "VU", "DANG"}),
        ARMENIAN(0.01, new String[] {"PETROSSIAN", "BAGHDASSARIAN", "KHATCHATOURIAN", "MANOUKIAN", "SARKISSIAN"});

        final double share;
        final String[] head;

        Origin(double share, String[] head) {
            this.share = share;
            this.head = head;
        }
    }

    private static final String[] FRENCH_ROOTS = {"BOIS", "CHAMP", "FONT", "MONT", "VAL", "ROCH", "BERT", "GUIL", "MAR",
        "RICH", "PELL", "CHAR", "TOUR", "FAV", "GRAND", "BLOND", "GAL", "BOUR", "COURT", "FERR", "LAV", "MESN", "PAST",
        "SAUV", "THIB", "VIGN", "BROSS", "CHAUM", "DUR", "GAUTR"};
    private static final String[] FRENCH_ENDINGS = {"", "ET", "OT", "IN", "ON", "EAU", "IER", "ARD", "AUD", "Y", "IERE",
        "ELLE", "OUX", "AS", "AULT", "ERON", "ILLON"};
    private static final String[] FRENCH_MIDDLES = {"", "", "", "", "AR", "EN", "IL", "OU", "AN", "ER", "OR", "ID", "EV",
        "AG", "UR"};
    private static final String[] FRENCH_PARTICLES = {"", "", "", "", "LE ", "DE ", "DU ", "LA ", "DES "};
    private static final String[] SYLLABLES_SOUTH = {"BAR", "CAR", "MAR", "TOR", "SAL", "VAL", "ROS", "GAR", "MON", "FER",
        "LOR", "BEL", "COST", "PAL", "RIV"};

    private static final String[][] MALE_BY_PERIOD = {
        {"JEAN", "ANDRÉ", "PIERRE", "MICHEL", "RENÉ", "ROGER", "JACQUES", "BERNARD", "MARCEL", "GEORGES", "CLAUDE", "LOUIS",
            "ROBERT", "HENRI", "PAUL", "MAURICE", "GÉRARD", "RAYMOND", "LUCIEN", "JEAN-CLAUDE", "JEAN-PIERRE", "FERNAND",
            "GUY", "ALBERT", "JOSEPH"},
        {"JEAN-PIERRE", "MICHEL", "PHILIPPE", "ALAIN", "PATRICK", "JEAN-CLAUDE", "BERNARD", "DANIEL", "CHRISTIAN",
            "GÉRARD", "JEAN-LUC", "GILLES", "DOMINIQUE", "FRANÇOIS", "DIDIER", "PASCAL", "THIERRY", "SERGE", "JEAN-MARC",
            "JEAN-FRANÇOIS", "JEAN-PAUL", "ÉRIC", "HERVÉ", "FRANCIS", "JACQUES"},
        {"CHRISTOPHE", "STÉPHANE", "PHILIPPE", "LAURENT", "FRÉDÉRIC", "PATRICK", "ÉRIC", "PASCAL", "THIERRY", "OLIVIER",
            "BRUNO", "DAVID", "SÉBASTIEN", "NICOLAS", "VINCENT", "JÉRÔME", "FRANCK", "LIONEL", "FABRICE", "CÉDRIC",
            "EMMANUEL", "DIDIER", "JEAN-FRANÇOIS", "YANNICK", "ARNAUD"},
        {"NICOLAS", "JULIEN", "SÉBASTIEN", "GUILLAUME", "JÉRÉMY", "ROMAIN", "MAXIME", "ANTHONY", "KEVIN", "THOMAS",
            "ALEXANDRE", "MATHIEU", "FLORIAN", "CHRISTOPHE", "BENJAMIN", "ANTOINE", "QUENTIN", "CLÉMENT", "VINCENT",
            "JONATHAN", "ADRIEN", "MICKAËL", "DAMIEN", "YOANN", "LOÏC"},
        {"THOMAS", "LUCAS", "HUGO", "THÉO", "MAXIME", "ALEXANDRE", "ANTOINE", "QUENTIN", "NATHAN", "CLÉMENT", "ENZO",
            "LOUIS", "BAPTISTE", "VALENTIN", "MATHIS", "TOM", "PAUL", "ARTHUR", "YANIS", "MATHÉO", "JEAN-BAPTISTE",
            "PIERRE", "GABRIEL", "RAPHAËL", "NOAH"}};
    private static final String[][] FEMALE_BY_PERIOD = {
        {"MARIE", "JEANNE", "MONIQUE", "JACQUELINE", "SIMONE", "DENISE", "GENEVIÈVE", "YVONNE", "PAULETTE", "SUZANNE",
            "COLETTE", "ODETTE", "GINETTE", "MADELEINE", "RENÉE", "ANDRÉE", "LUCIENNE", "GEORGETTE", "MICHELINE", "NICOLE",
            "MARIE-THÉRÈSE", "HUGUETTE", "JOSETTE", "ARLETTE", "GISÈLE"},
        {"MARTINE", "CHRISTINE", "FRANÇOISE", "MONIQUE", "NICOLE", "SYLVIE", "CATHERINE", "ISABELLE", "CHANTAL",
            "BRIGITTE", "DOMINIQUE", "ANNIE", "MARIE-CLAUDE", "DANIELLE", "ÉLISABETH", "PATRICIA", "ÉVELYNE", "JOSIANE",
            "MICHÈLE", "CHRISTIANE", "MARIE-FRANCE", "JOCELYNE", "BÉATRICE", "ANNE-MARIE", "NADINE"},
        {"NATHALIE", "ISABELLE", "SYLVIE", "CATHERINE", "VALÉRIE", "SANDRINE", "CHRISTINE", "VÉRONIQUE", "STÉPHANIE",
            "CORINNE", "FRÉDÉRIQUE", "PATRICIA", "LAURENCE", "CAROLE", "KARINE", "FLORENCE", "SOPHIE", "VIRGINIE",
            "CÉLINE", "DELPHINE", "MARIE-CHRISTINE", "ANNE-SOPHIE", "PASCALE", "HÉLÈNE", "EMMANUELLE"},
        {"AURÉLIE", "ÉMILIE", "JULIE", "CÉLINE", "STÉPHANIE", "AMANDINE", "ÉLODIE", "MÉLANIE", "SANDRA", "CAROLINE",
            "LAURA", "MARION", "SARAH", "CAMILLE", "PAULINE", "ANAÏS", "CHARLOTTE", "MARINE", "JESSICA", "VANESSA",
            "AUDREY", "MORGANE", "ANNE-LAURE", "CLAIRE", "ALEXANDRA"},
        {"CAMILLE", "MANON", "CHLOÉ", "LÉA", "SARAH", "EMMA", "INÈS", "OCÉANE", "MARIE", "CLARA", "MATHILDE", "PAULINE",
            "LAURA", "JULIETTE", "LOUISE", "ZOÉ", "LOLA", "ANAÏS", "ÉLISE", "MARGAUX", "JADE", "LUCIE", "MAËLYS", "LILOU",
            "AMBRE"}};
    /** First names of families of some origins (used for 60% of their members). */
    private static final Map<Origin, String[][]> ORIGIN_FIRST_NAMES = Map.of(
            Origin.MAGHREBI, new String[][] {{"MOHAMED", "KARIM", "SAMIR", "RACHID", "MEHDI", "YOUSSEF", "NABIL", "KHALED",
                "SOFIANE", "BILAL"}, {"FATIMA", "NADIA", "SAMIRA", "YASMINE", "LEILA", "SARAH", "KARIMA", "MALIKA", "SONIA",
                "NORA"}},
            Origin.IBERIAN, new String[][] {{"JOSÉ", "MANUEL", "ANTONIO", "CARLOS", "MIGUEL", "FRANCISCO", "JOAQUIM", "LUIS"},
                {"MARIA", "ANA", "ISABEL", "ROSA", "CARMEN", "TERESA", "MARIA-JOSÉ", "SOFIA"}},
            Origin.WEST_AFRICAN, new String[][] {{"MAMADOU", "MOUSSA", "IBRAHIMA", "OUSMANE", "SEKOU", "ABDOULAYE"},
                {"AMINATA", "FATOUMATA", "AÏSSATOU", "MARIAM", "KADIATOU", "OUMOU"}},
            Origin.VIETNAMESE, new String[][] {{"MINH", "DUC", "THANH", "HUNG", "TUAN"}, {"LAN", "HOA", "MAI", "LINH", "THU"}});
    /** Familiar forms that families use, by first name (a participant may write one of them). */
    private static final Map<String, String[]> FAMILIAR = familiar();

    /** Départements and their population weights (a handful of large ones, then the rest). */
    private static final int DEPARTEMENTS = 95;

    private final SplittableRandom r;
    private final String[] surnames;
    private final double[] surnameCumulative;
    private final Origin[] surnameOrigin;
    private final double[] departementCumulative;

    RegisterGenerator(SplittableRandom r) {
        this.r = r;
        List<String> names = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        // the written-out names of each origin first (the commonest), then a composed tail
        for (Origin o : Origin.values()) {
            for (String n : o.head) {
                names.add(n);
                origins.add(o);
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>(names);
        int tail = 24_000;
        for (int attempt = 0; names.size() < tail && attempt < 50 * tail; attempt++) {
            Origin o = pickOrigin();
            String n = composed(o);
            if (seen.add(n)) {
                names.add(n);
                origins.add(o);
            }
        }
        surnames = names.toArray(String[]::new);
        surnameOrigin = origins.toArray(Origin[]::new);
        // a power law over ranks: weight (rank + 60)^-1.05 times the origin's share, heads of all origins first
        surnameCumulative = new double[surnames.length];
        double sum = 0;
        for (int k = 0; k < surnames.length; k++) {
            sum += Math.pow(k + 60, -1.05) * surnameOrigin[k].share;
            surnameCumulative[k] = sum;
        }
        departementCumulative = new double[DEPARTEMENTS];
        sum = 0;
        for (int d = 0; d < DEPARTEMENTS; d++) {
            int code = d + 1;
            double w = switch (code) {
                case 75, 13, 59, 69, 92, 93, 94, 33, 31, 44, 62, 77, 78, 91, 95, 6, 67, 34, 76, 38 -> 4;
                default -> 1 + (code * 7 % 5) * 0.3;
            };
            sum += w;
            departementCumulative[d] = sum;
        }
    }

    private Origin pickOrigin() {
        double x = r.nextDouble();
        for (Origin o : Origin.values()) {
            x -= o.share;
            if (x < 0) {
                return o;
            }
        }
        return Origin.FRENCH;
    }

    private String composed(Origin o) {
        String root = FRENCH_ROOTS[r.nextInt(FRENCH_ROOTS.length)];
        String south = SYLLABLES_SOUTH[r.nextInt(SYLLABLES_SOUTH.length)];
        return switch (o) {
            case FRENCH -> FRENCH_PARTICLES[r.nextInt(FRENCH_PARTICLES.length)] + root
                    + FRENCH_MIDDLES[r.nextInt(FRENCH_MIDDLES.length)] + FRENCH_ENDINGS[r.nextInt(FRENCH_ENDINGS.length)];
            case BRETON -> (r.nextBoolean() ? "LE " : "KER") + root + new String[] {"", "EC", "OU", "EN", "IC"}[r.nextInt(5)];
            case GERMANIC -> root + new String[] {"MANN", "ER", "EL", "LER", "INGER", "BACH"}[r.nextInt(6)];
            case ITALIAN -> south + FRENCH_MIDDLES[r.nextInt(FRENCH_MIDDLES.length)]
                    + new String[] {"INI", "ELLI", "ETTI", "ONE", "ATO"}[r.nextInt(5)];
            case IBERIAN -> south + FRENCH_MIDDLES[r.nextInt(FRENCH_MIDDLES.length)]
                    + new String[] {"EZ", "ES", "EIRA", "ADO", "IDO"}[r.nextInt(5)];
            case MAGHREBI -> new String[] {"BEN", "BOU", "EL ", "AIT "}[r.nextInt(4)] + south + new String[] {"I", "A", "", "OUI"}[r.nextInt(4)];
            case WEST_AFRICAN -> new String[] {"DIA", "KOU", "SAN", "TOU", "BA"}[r.nextInt(5)] + new String[] {"RA", "LI", "KA", "MBA", "NE"}[r.nextInt(5)];
            case VIETNAMESE -> new String[] {"NGO", "DO", "LY", "TA", "HO", "BUI", "DINH", "LAM"}[r.nextInt(8)];
            case ARMENIAN -> south + FRENCH_MIDDLES[r.nextInt(FRENCH_MIDDLES.length)] + "IAN";
        };
    }

    private int surnameIndex() {
        double x = r.nextDouble() * surnameCumulative[surnameCumulative.length - 1];
        int k = Arrays.binarySearch(surnameCumulative, x);
        return Math.min(surnames.length - 1, k < 0 ? -k - 1 : k);
    }

    /** A birth date: more people born in the 1950s-1970s (a research cohort of adults). */
    private LocalDate birthDate() {
        double x = (r.nextDouble() + r.nextDouble() + r.nextDouble()) / 3;
        int year = 1935 + (int) (x * 72);
        return LocalDate.of(year, 1, 1).plusDays(r.nextInt(LocalDate.of(year, 1, 1).lengthOfYear()));
    }

    private String firstName(int sex, LocalDate birth, Origin origin) {
        String[][] family = ORIGIN_FIRST_NAMES.get(origin);
        if (family != null && r.nextDouble() < 0.6) {
            String[] list = family[sex - 1];
            return list[zipfLike(list.length)];
        }
        int period = Math.min(4, Math.max(0, (birth.getYear() - 1935) / 15));
        String[] list = (sex == 1 ? MALE_BY_PERIOD : FEMALE_BY_PERIOD)[period];
        return list[zipfLike(list.length)];
    }

    /** An index in [0, n) with weights 1/(k+2): popular names are popular, the others are not rare. */
    private int zipfLike(int n) {
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += 1.0 / (k + 2);
        }
        double x = r.nextDouble() * total;
        for (int k = 0; k < n; k++) {
            x -= 1.0 / (k + 2);
            if (x < 0) {
                return k;
            }
        }
        return n - 1;
    }

    private String postcode(int departement) {
        // communes of a département: a few big ones take most people
        int commune = Math.min(98, (int) (Math.pow(r.nextDouble(), 2.5) * 99));
        return String.format(Locale.ROOT, "%02d%03d", departement, commune * 10);
    }

    private int departement() {
        double x = r.nextDouble() * departementCumulative[DEPARTEMENTS - 1];
        int k = Arrays.binarySearch(departementCumulative, x);
        return 1 + Math.min(DEPARTEMENTS - 1, k < 0 ? -k - 1 : k);
    }

    /** A person of the register: sex, birth surname, first name, birth date, postcode, origin index. */
    private record Person(int sex, String surname, String firstName, LocalDate birth, String postcode, Origin origin) {
    }

    private Person person() {
        int sex = 1 + r.nextInt(2);
        int s = surnameIndex();
        LocalDate birth = birthDate();
        return new Person(sex, surnames[s], firstName(sex, birth, surnameOrigin[s]), birth, postcode(departement()),
                surnameOrigin[s]);
    }

    LinkageGenerator.Generated write(int registerSize, int cohortSize, Path dir) throws IOException {
        Person[] register = new Person[registerSize];
        Path reg = dir.resolve("register.csv");
        try (Writer w = Files.newBufferedWriter(reg, StandardCharsets.UTF_8)) {
            w.write("ident;sexe;nom_naissance;prenom;date_naissance;code_postal\n");
            for (int k = 0; k < registerSize; k++) {
                Person p = person();
                register[k] = p;
                w.write(String.join(";", "R" + String.format(Locale.ROOT, "%08d", k), Integer.toString(p.sex()), plain(p.surname()),
                        plain(p.firstName()), FRENCH_DATE.format(p.birth()), p.postcode()) + "\n");
            }
        }
        int matches = 0;
        Path coh = dir.resolve("cohort.csv");
        Path truth = dir.resolve("truth.csv");
        try (Writer c = Files.newBufferedWriter(coh, StandardCharsets.UTF_8);
             Writer t = Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
            c.write("participant,date_de_naissance,prenom,nom,sexe,cp\n");
            t.write("left_id,right_id\n");
            boolean[] used = new boolean[registerSize];
            for (int k = 0; k < cohortSize; k++) {
                String id = "P" + String.format(Locale.ROOT, "%06d", 3 * k + 1);
                Person p;
                if (r.nextDouble() < NOT_IN_REGISTER) {
                    p = person();
                } else {
                    int n;
                    do {
                        n = r.nextInt(registerSize);
                    } while (used[n]);
                    used[n] = true;
                    p = register[n];
                    t.write(id + ",R" + String.format(Locale.ROOT, "%08d", n) + "\n");
                    matches++;
                }
                String[] q = participant(p);
                c.write(String.join(",", id, q[0], q[1], q[2], q[3], q[4]) + "\n");
            }
        }
        Path config = dir.resolve("linkage.yaml");
        Files.writeString(config, CONFIG);
        return new LinkageGenerator.Generated(reg, coh, truth, config, matches);
    }

    /** What the participant typed: birth date, first name, surname, sex, postcode. */
    private String[] participant(Person p) {
        String surname = p.surname();
        String first = p.firstName();
        if (p.sex() == 2) {
            double x = r.nextDouble();
            if (x < MARRIED_NAME) {
                surname = surnames[surnameIndex()];
            } else if (x < MARRIED_NAME + DOUBLE_NAME) {
                surname = surname + "-" + surnames[surnameIndex()];
            }
        }
        if (r.nextDouble() < NICKNAME) {
            first = familiarForm(first);
        }
        if (r.nextDouble() < SURNAME_BY_EAR) {
            surname = byEar(surname);
        }
        if (r.nextDouble() < FIRST_NAME_BY_EAR) {
            first = byEar(first);
        }
        surname = r.nextDouble() < STRAY_LETTER ? strayLetter(surname) : surname;
        first = r.nextDouble() < STRAY_LETTER ? strayLetter(first) : first;
        if (r.nextDouble() < SWAPPED) {
            String s = surname;
            surname = first;
            first = s;
        }
        LocalDate birth = p.birth();
        double d = r.nextDouble();
        if (d < DATE_OFF_DAYS) {
            birth = birth.plusDays((r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(15)));
        } else if (d < DATE_OFF_DAYS + DATE_OFF_YEARS) {
            double y = r.nextDouble();
            int years = y < 0.8 ? 1 : y < 0.9 ? 2 : 10;
            birth = birth.plusYears(r.nextBoolean() ? years : -years);
        }
        String postcode = p.postcode();
        if (r.nextDouble() < MOVED) {
            int dept = r.nextDouble() < 0.55 ? Integer.parseInt(postcode.substring(0, 2)) : departement();
            String next;
            do {
                next = postcode(dept);
            } while (next.equals(postcode));
            postcode = next;
        }
        int sex = r.nextDouble() < SEX_WRONG ? 3 - p.sex() : p.sex();
        return new String[] {
            r.nextDouble() < MISSING_BIRTH_DATE ? "" : FRENCH_DATE.format(birth),
            r.nextDouble() < MISSING_FIRST_NAME ? "" : typed(first),
            r.nextDouble() < MISSING_SURNAME ? "" : typed(surname),
            r.nextDouble() < MISSING_SEX ? "" : Integer.toString(sex),
            r.nextDouble() < MISSING_POSTCODE ? "" : postcode};
    }

    /** Title case (70%), upper case (20%) or lower case (10%), accents kept. */
    private String typed(String name) {
        double x = r.nextDouble();
        String s;
        if (x < 0.7) {
            StringBuilder b = new StringBuilder(name.length());
            boolean start = true;
            for (char ch : name.toCharArray()) {
                b.append(start ? ch : Character.toLowerCase(ch));
                start = ch == ' ' || ch == '-' || ch == '\'';
            }
            s = b.toString();
        } else if (x < 0.9) {
            s = name;
        } else {
            s = name.toLowerCase(Locale.ROOT);
        }
        return s;
    }

    /** Upper case without accents, as a register writes names. */
    private static String plain(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** The familiar form a participant may write instead of the first name. */
    private String familiarForm(String first) {
        String[] parts = first.split("-");
        if (parts.length > 1) {
            return r.nextDouble() < 0.7 ? parts[0] : parts[parts.length - 1];
        }
        String[] usual = FAMILIAR.get(plain(first));
        if (usual != null && r.nextDouble() < 0.6) {
            return usual[r.nextInt(usual.length)];
        }
        String p = plain(first);
        if (p.length() <= 4) {
            return first;
        }
        if (r.nextDouble() < 0.25) {
            // a doubled first syllable: consonant(s) and vowel
            int v = firstVowel(p);
            String syllable = p.substring(0, Math.min(p.length(), v + 1));
            return syllable + syllable;
        }
        // clipped after the first consonant that follows a vowel, sometimes with an -O
        int v = firstVowel(p);
        int end = v;
        while (end < p.length() && isVowel(p.charAt(end))) {
            end++;
        }
        end = Math.min(p.length(), end + 1);
        String clipped = p.substring(0, Math.max(3, end));
        return r.nextDouble() < 0.3 && !isVowel(clipped.charAt(clipped.length() - 1)) ? clipped + "O" : clipped;
    }

    private static int firstVowel(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isVowel(s.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static boolean isVowel(char c) {
        return "AEIOUY".indexOf(c) >= 0;
    }

    /** One spelling by ear: a rule that changes the written form but not (much) the sound. */
    private String byEar(String name) {
        String p = plain(name);
        String[][] rules = {{"PH", "F"}, {"F", "PH"}, {"EAU", "O"}, {"AU", "O"}, {"O", "AU"}, {"LL", "L"}, {"L", "LL"},
            {"NN", "N"}, {"N", "NN"}, {"TT", "T"}, {"T", "TT"}, {"SS", "S"}, {"RR", "R"}, {"Y", "I"}, {"I", "Y"},
            {"QU", "K"}, {"C", "K"}, {"AI", "E"}, {"AN", "EN"}, {"EN", "AN"}, {"AIN", "IN"}, {"IN", "AIN"}, {"TH", "T"}};
        int start = r.nextInt(rules.length);
        for (int k = 0; k < rules.length; k++) {
            String[] rule = rules[(start + k) % rules.length];
            int at = p.indexOf(rule[0], 1);
            if (at > 0) {
                return p.substring(0, at) + rule[1] + p.substring(at + rule[0].length());
            }
        }
        // a silent final letter dropped or added
        char last = p.charAt(p.length() - 1);
        return "TDSX".indexOf(last) >= 0 && p.length() > 3 ? p.substring(0, p.length() - 1) : p + "T";
    }

    /** A neighbouring key on a phone keyboard replaces a letter. */
    private String strayLetter(String name) {
        String p = plain(name);
        if (p.length() < 3) {
            return p;
        }
        String rows = "AZERTYUIOP QSDFGHJKLM WXCVBN";
        int i = 1 + r.nextInt(p.length() - 1);
        int k = rows.indexOf(p.charAt(i));
        if (k < 0) {
            return p;
        }
        int n = k + (r.nextBoolean() ? 1 : -1);
        char c = n >= 0 && n < rows.length() && rows.charAt(n) != ' ' ? rows.charAt(n) : p.charAt(i);
        return p.substring(0, i) + c + p.substring(i + 1);
    }

    private static Map<String, String[]> familiar() {
        Map<String, String[]> m = new HashMap<>();
        String[] lines = {
            "CATHERINE:CATHY,KATY", "FRANCOIS:FRANCK,FANFAN", "CHRISTOPHE:CHRIS,TOF", "FREDERIC:FRED", "ALEXANDRE:ALEX",
            "NICOLAS:NICO", "SEBASTIEN:SEB", "STEPHANE:STEPH", "STEPHANIE:STEPH,FANNY", "EMMANUEL:MANU",
            "EMMANUELLE:MANU", "PHILIPPE:PHIL,FIFI", "PATRICK:PAT", "PATRICIA:PATY,PAT", "VERONIQUE:VERO", "ISABELLE:ISA,ZAZA",
            "ELISABETH:BABETH,ELISA", "NATHALIE:NATH", "CAROLINE:CARO", "SANDRINE:SANDY", "VALERIE:VAL", "DOMINIQUE:DOM,DOMI",
            "MAXIME:MAX", "BENJAMIN:BEN", "ANTOINE:TONIO", "ANTHONY:TONY", "THOMAS:TOM,TOTO", "MATHIEU:MATT,MATHOU",
            "DANIEL:DANY", "DANIELLE:DANY", "JACQUES:JACKY", "JACQUELINE:JACKIE,LINE", "JOSEPH:JOJO", "GEORGES:JOJO",
            "ANDRE:DEDE", "GERARD:GEGE", "HENRI:RIRI", "LOUIS:LOULOU", "PIERRE:PIERROT", "JEAN:JEANNOT", "MADELEINE:MADO",
            "SUZANNE:SUZY", "FLORENCE:FLO", "FLORIAN:FLO", "EMILIE:MIMI", "AMANDINE:MANDY", "RAPHAEL:RAPH", "GABRIEL:GABY",
            "MICHELE:MICHOU", "MICHEL:MIMI,MICHOU", "CHRISTIAN:CHRIS", "CHRISTINE:TITINE,KIKI", "MONIQUE:MOMO",
            "DELPHINE:DELPH", "LAURENT:LOLO", "LAURENCE:LOLO", "FABRICE:FAB", "GUILLAUME:GUIGUI", "JEREMY:JEJE",
            "CHARLOTTE:CHACHA,LOTTE", "MOHAMED:MOMO,MED", "FRANCISCO:PACO", "MANUEL:MANOLO", "JOSE:PEPE", "MARIA:MARUJA",
            "YOUSSEF:YOUSS", "VALENTIN:VALOU", "MATHILDE:MATHY", "AURELIE:AURE", "CELINE:CECE", "JULIEN:JUJU",
            "MARTINE:TINOU"};
        for (String line : lines) {
            String[] kv = line.split(":");
            m.put(kv[0], kv[1].split(","));
        }
        return m;
    }

    /**
     * The configuration, written once from docs/linkage.md as a new user would, before the first
     * run on this data, and not changed after looking at results.
     */
    static final String CONFIG = """
            # Generated by healthgraph generate linkage (situation: register).
            # Written once from docs/linkage.md before any run: a cohort typed by its participants
            # (names with accents, married names, nicknames, swapped columns) against a register that
            # knows birth names only. The two files name and order their columns differently.
            left: {path: cohort.csv, id: participant}
            right: {path: register.csv, id: ident, delimiter: ";"}
            fields:
              - {name: nom, type: name, leftColumn: nom, rightColumn: nom_naissance, termFrequency: true,
                 levels: [exact, "damerau-levenshtein<=1", "jaro-winkler>=0.9", soundex-fr, equivalent, "reversed:prenom", "jaro-winkler>=0.8"]}
              - {name: prenom, type: name, column: prenom, termFrequency: true,
                 levels: [exact, "damerau-levenshtein<=1", equivalent, "jaro-winkler>=0.9", soundex-fr, "reversed:nom", "jaro-winkler>=0.8"]}
              - {name: sexe, type: exact}
              - {name: naissance, type: date, format: dd/MM/yyyy, leftColumn: date_de_naissance, rightColumn: date_naissance,
                 levels: [exact, day-month-swap, one-year-apart, "within-days:31", same-year]}
              - {name: code_postal, type: code, leftColumn: cp, rightColumn: code_postal, levels: [exact, "prefix:2"]}
            blocking:
              - {name: birth date, keys: [naissance]}
              - {name: surname sound and birth year, keys: ["nom|soundex-fr", "naissance|year"]}
              - {name: first name sound and birth month, keys: ["prenom|soundex-fr", "naissance|yearmonth"]}
              - {name: first name and postcode, keys: ["prenom|soundex-fr", code_postal]}
              - {name: surname and postcode, keys: ["nom|soundex-fr", code_postal]}
            decision: {mode: one-to-one, threshold: 0.5}
            """;
}
