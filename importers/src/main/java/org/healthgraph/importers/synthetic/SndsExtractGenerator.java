package org.healthgraph.importers.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes an SNDS-shaped extract of {@code patients} synthetic people over 2022-2023: IR_BEN_R,
 * ER_PRS_F + ER_PHA_F (joined on the 9 claim keys), IR_PHA_R, T_MCO22B/C/D and T_MCO23B/C/D,
 * KI_CCI_R, with the real SNDS column names. Planted patterns: myocardial infarction stays (I21)
 * followed for most patients by a statin (C10AA), a beta-blocker and an antiplatelet; type 2
 * diabetes treated by monthly metformin (A10BA02); chronic treatments that grow with age; deaths.
 * Separators and date formats vary by table as in real extracts (ISO, DDMMMYYYY, DD/MM/YYYY).
 * The same seed gives the same files.
 */
public final class SndsExtractGenerator {

    /** A drug presentation: CIP13, ATC, short name, the ATC code's label (the substance), its level-2 class's label. */
    record Drug(String cip, String atc, String name, String substance, String group) {
    }

    static final Drug ATORVASTATIN = new Drug("3400936403114", "C10AA05", "ATORVASTATINE 20MG", "ATORVASTATINE", "HYPOLIPIDEMIANTS");
    static final Drug SIMVASTATIN = new Drug("3400935955836", "C10AA01", "SIMVASTATINE 20MG", "SIMVASTATINE", "HYPOLIPIDEMIANTS");
    static final Drug ROSUVASTATIN = new Drug("3400939425960", "C10AA07", "ROSUVASTATINE 10MG", "ROSUVASTATINE", "HYPOLIPIDEMIANTS");
    static final Drug METFORMIN = new Drug("3400934256644", "A10BA02", "METFORMINE 850MG", "METFORMINE", "MEDICAMENTS DU DIABETE");
    static final Drug GLICLAZIDE = new Drug("3400936578133", "A10BB09", "GLICLAZIDE 30MG", "GLICLAZIDE", "MEDICAMENTS DU DIABETE");
    static final Drug BISOPROLOL = new Drug("3400935620079", "C07AB07", "BISOPROLOL 2.5MG", "BISOPROLOL", "BETABLOQUANTS");
    static final Drug ASPIRIN = new Drug("3400938426043", "B01AC06", "ASPIRINE 75MG", "ACIDE ACETYLSALICYLIQUE", "ANTITHROMBOTIQUES");
    static final Drug CLOPIDOGREL = new Drug("3400936991338", "B01AC04", "CLOPIDOGREL 75MG", "CLOPIDOGREL", "ANTITHROMBOTIQUES");
    static final Drug RAMIPRIL = new Drug("3400935779418", "C09AA05", "RAMIPRIL 5MG", "RAMIPRIL", "MEDICAMENTS AGISSANT SUR LE SYSTEME RENINE-ANGIOTENSINE");
    static final Drug AMLODIPINE = new Drug("3400933977045", "C08CA01", "AMLODIPINE 5MG", "AMLODIPINE", "INHIBITEURS CALCIQUES");
    static final Drug LEVOTHYROXINE = new Drug("3400930045670", "H03AA01", "LEVOTHYROX 75UG", "LEVOTHYROXINE SODIQUE", "MEDICAMENTS DE LA THYROIDE");
    static final Drug OMEPRAZOLE = new Drug("3400935366120", "A02BC01", "OMEPRAZOLE 20MG", "OMEPRAZOLE", "MEDICAMENTS POUR LES TROUBLES DE L'ACIDITE");
    static final Drug PARACETAMOL = new Drug("3400930985297", "N02BE01", "DOLIPRANE 1000MG", "PARACETAMOL", "ANALGESIQUES");
    static final Drug AMOXICILLIN = new Drug("3400933364180", "J01CA04", "AMOXICILLINE 1G", "AMOXICILLINE", "ANTIBACTERIENS A USAGE SYSTEMIQUE");
    static final Drug CONTRACEPTIVE = new Drug("3400933542809", "G03AA07", "LEVONORGESTREL/EE", "LEVONORGESTREL ET ETHINYLESTRADIOL", "HORMONES SEXUELLES ET MODULATEURS DE LA FONCTION GENITALE");
    static final List<Drug> DRUGS = List.of(CONTRACEPTIVE, ATORVASTATIN, SIMVASTATIN, ROSUVASTATIN, METFORMIN, GLICLAZIDE, BISOPROLOL,
            ASPIRIN, CLOPIDOGREL, RAMIPRIL, AMLODIPINE, LEVOTHYROXINE, OMEPRAZOLE, PARACETAMOL, AMOXICILLIN);

    private static final String[] MI_CODES = {"I210", "I211", "I212", "I213", "I214", "I219"};
    private static final String[][] OTHER_STAYS = {
        {"J189", "J449"}, {"K802", "K810"}, {"S720", "W19"}, {"I500", "I10"}, {"C509", "Z511"}, {"N390", ""},
        {"K358", ""}, {"I480", "I10"}, {"E119", "E669"}, {"R074", ""}};
    private static final String[] DEPARTMENTS = {"75", "13", "69", "59", "92", "93", "94", "33", "31", "06", "44", "67",
        "34", "76", "38", "62", "78", "91", "95", "77", "35", "57", "29", "2A", "2B", "971", "974", "21", "37", "63"};
    private static final LocalDate FROM = LocalDate.of(2022, 1, 1);
    private static final LocalDate TO = LocalDate.of(2023, 12, 31);
    private static final DateTimeFormatter SAS = DateTimeFormatter.ofPattern("ddMMMyyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String KEYS = "DCT_ORD_NUM;FLX_DIS_DTD;FLX_EMT_NUM;FLX_EMT_ORD;FLX_EMT_TYP;FLX_TRT_DTD;ORG_CLE_NUM;PRS_ORD_NUM;REM_TYP_AFF";

    private final long seed;

    public SndsExtractGenerator(long seed) {
        this.seed = seed;
    }

    /** What was written. */
    public record Summary(int patients, long dispensings, long stays, long deaths, long files) {
    }

    /** Writes the extract into {@code dir} (created if needed; existing files of the same names replaced). */
    public Summary generate(int patients, Path dir) {
        if (patients < 1) {
            throw new IllegalArgumentException("--patients must be at least 1, got " + patients);
        }
        try {
            Files.createDirectories(dir);
            try (Out out = new Out(dir)) {
                writeDrugReference(out.w("IR_PHA_R"));
                long[] totals = new long[3];
                for (int i = 0; i < patients; i++) {
                    person(i, out, totals);
                }
                return new Summary(patients, totals[0], totals[1], totals[2], out.writers.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic extract in " + dir, e);
        }
    }

    private static void writeDrugReference(BufferedWriter w) throws IOException {
        for (Drug d : DRUGS) {
            w.write(d.cip + ";" + d.atc + ";" + d.name + ";" + d.substance + ";" + d.atc.substring(0, 3) + ";" + d.group + "\n");
        }
    }

    private void person(int i, Out out, long[] totals) throws IOException {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        String id = String.format("P%09d", i);
        String psa = psa(r);
        int sex = r.nextInt(100) < 52 ? 2 : 1;
        int age = age(r);
        int birthYear = 2022 - age;
        int birthMonth = 1 + r.nextInt(12);
        String dept = DEPARTMENTS[Math.min(DEPARTMENTS.length - 1, (int) Math.floor(Math.abs(r.nextGaussian()) * 9))];
        List<String> pseudonyms = new ArrayList<>(List.of(psa));
        if (r.nextInt(100) < 5) {
            pseudonyms.add(psa(r));
        }
        LocalDate death = null;
        String deathCause = null;
        double yearlyDeath = age < 50 ? 0.001 : age < 70 ? 0.008 : age < 85 ? 0.03 : 0.12;
        Person p = new Person(id, pseudonyms, r, out, totals);
        // chronic treatments grow with age
        if (age >= 40 && r.nextDouble() < (age - 30) / 100.0) {
            p.chronic(r.nextBoolean() ? SIMVASTATIN : ROSUVASTATIN, FROM.plusDays(r.nextInt(60)), TO);
        }
        if (age >= 45 && r.nextDouble() < (age - 35) / 80.0) {
            p.chronic(r.nextBoolean() ? AMLODIPINE : RAMIPRIL, FROM.plusDays(r.nextInt(90)), TO);
        }
        if (sex == 2 && age >= 30 && r.nextInt(100) < 8) {
            p.chronic(LEVOTHYROXINE, FROM.plusDays(r.nextInt(60)), TO);
        }
        if (age >= 40 && r.nextDouble() < 0.04 + age / 1500.0) {
            LocalDate start = FROM.plusDays(r.nextInt(600));
            p.stay(start, 2 + r.nextInt(4), "E119", "", r.nextBoolean() ? "E669" : "");
            p.chronic(METFORMIN, start.plusDays(r.nextInt(20)), TO);
            if (r.nextInt(100) < 30) {
                p.chronic(GLICLAZIDE, start.plusDays(90 + r.nextInt(200)), TO);
            }
        } else if (age >= 40 && r.nextInt(100) < 2) {
            p.chronic(METFORMIN, FROM.plusDays(r.nextInt(300)), FROM.plusDays(400 + r.nextInt(300)));
        }
        if (r.nextInt(100) < 10) {
            p.chronic(OMEPRAZOLE, FROM.plusDays(r.nextInt(500)), FROM.plusDays(560 + r.nextInt(160)));
        }
        if (sex == 2 && age >= 18 && age <= 45 && r.nextInt(100) < 30) {
            p.chronic(CONTRACEPTIVE, FROM.plusDays(r.nextInt(60)), FROM.plusDays(200 + r.nextInt(530)));
        }
        if (age >= 60 && r.nextInt(100) < 25) {
            p.chronic(OMEPRAZOLE, FROM.plusDays(r.nextInt(200)), TO);
        }
        int acute = r.nextInt(9);
        for (int k = 0; k < acute; k++) {
            p.dispense(r.nextBoolean() ? PARACETAMOL : AMOXICILLIN, FROM.plusDays(r.nextInt(730)), 1 + r.nextInt(2));
        }
        int consultations = r.nextInt(age >= 60 ? 14 : 8);
        for (int k = 0; k < consultations; k++) {
            p.consultation(FROM.plusDays(r.nextInt(730)));
        }
        double miRisk = age < 40 ? 0.001 : age < 55 ? 0.01 : age < 70 ? 0.025 : 0.045;
        if (sex == 1) {
            miRisk *= 1.6;
        }
        if (r.nextDouble() < miRisk) {
            LocalDate admission = FROM.plusDays(r.nextInt(700));
            int days = 3 + r.nextInt(8);
            p.stay(admission, days, MI_CODES[r.nextInt(MI_CODES.length)], r.nextInt(3) == 0 ? "I10" : "",
                    r.nextInt(4) == 0 ? "E119" : "");
            LocalDate discharge = admission.plusDays(days);
            if (r.nextInt(100) < 8) {
                death = discharge.plusDays(r.nextInt(330));
                deathCause = "I219";
            }
            LocalDate end = death == null ? TO : death;
            if (r.nextInt(100) < 75) {
                p.chronic(ATORVASTATIN, discharge.plusDays(r.nextInt(100) < 85 ? r.nextInt(25) : 31 + r.nextInt(60)), end);
            }
            if (r.nextInt(100) < 70) {
                p.chronic(BISOPROLOL, discharge.plusDays(r.nextInt(20)), end);
            }
            if (r.nextInt(100) < 80) {
                p.chronic(r.nextInt(3) == 0 ? CLOPIDOGREL : ASPIRIN, discharge.plusDays(r.nextInt(15)), end);
            }
        }
        if (r.nextDouble() < 0.02 + age / 1000.0) {
            String[] dx = OTHER_STAYS[r.nextInt(OTHER_STAYS.length)];
            p.stay(FROM.plusDays(r.nextInt(720)), r.nextInt(7), dx[0], "", dx[1]);
        }
        if (sex == 2 && age >= 20 && age <= 40 && r.nextInt(100) < 6) {
            p.stay(FROM.plusDays(r.nextInt(720)), 3 + r.nextInt(3), "O800", "", "Z370");
        }
        if (death == null && r.nextDouble() < yearlyDeath * 2) {
            death = FROM.plusDays(r.nextInt(730));
            deathCause = age > 70 && r.nextBoolean() ? "I64" : r.nextBoolean() ? "C349" : "J189";
        }
        p.flush(death);
        writeBeneficiary(out, id, pseudonyms, birthYear, birthMonth, sex, dept, death);
        if (death != null) {
            out.w("KI_CCI_R").write(id + ";" + death.format(FR) + ";" + deathCause + ";" + dept + "\n");
            totals[2]++;
        }
    }

    private static void writeBeneficiary(Out out, String id, List<String> pseudonyms, int birthYear, int birthMonth,
                                         int sex, String dept, LocalDate death) throws IOException {
        BufferedWriter w = out.w("IR_BEN_R");
        for (int k = 0; k < pseudonyms.size(); k++) {
            w.write(pseudonyms.get(k) + ";" + (k + 1) + ";" + id + ";" + birthYear + ";" + String.format("%02d", birthMonth)
                    + ";" + sex + ";" + dept + ";" + (death == null ? "" : death.toString()) + "\n");
        }
    }

    private static int age(SplittableRandom r) {
        // a rough French age pyramid: uniform-ish up to 65, thinning after
        int a = r.nextInt(100);
        if (a < 75) {
            return r.nextInt(65);
        }
        if (a < 95) {
            return 65 + r.nextInt(20);
        }
        return 85 + r.nextInt(15);
    }

    private static String psa(SplittableRandom r) {
        StringBuilder s = new StringBuilder(17);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int k = 0; k < 17; k++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The events of one person before they are cut at death and written. */
    private static final class Person {
        private final String id;
        private final List<String> pseudonyms;
        private final SplittableRandom r;
        private final Out out;
        private final long[] totals;
        private final List<Object[]> dispensings = new ArrayList<>();
        private final List<Object[]> stays = new ArrayList<>();
        private final List<LocalDate> consultations = new ArrayList<>();

        Person(String id, List<String> pseudonyms, SplittableRandom r, Out out, long[] totals) {
            this.id = id;
            this.pseudonyms = pseudonyms;
            this.r = r;
            this.out = out;
            this.totals = totals;
        }

        void chronic(Drug d, LocalDate from, LocalDate to) {
            LocalDate day = from;
            while (!day.isAfter(to) && !day.isAfter(TO)) {
                dispense(d, day, 1 + (r.nextInt(10) == 0 ? 2 : 0));
                day = day.plusDays(26 + r.nextInt(10) + (r.nextInt(12) == 0 ? 40 : 0));
            }
        }

        void dispense(Drug d, LocalDate day, int boxes) {
            dispensings.add(new Object[] {d, day, boxes});
        }

        void consultation(LocalDate day) {
            consultations.add(day);
        }

        void stay(LocalDate start, int days, String principal, String related, String associated) {
            stays.add(new Object[] {start, days, principal, related, associated});
        }

        void flush(LocalDate death) throws IOException {
            for (Object[] d : dispensings) {
                LocalDate day = (LocalDate) d[1];
                if (death != null && day.isAfter(death)) {
                    continue;
                }
                out.claim(pseudonym(), day, (Drug) d[0], (Integer) d[2]);
                totals[0]++;
            }
            for (LocalDate day : consultations) {
                if (death == null || !day.isAfter(death)) {
                    out.consultation(pseudonym(), day);
                }
            }
            for (Object[] s : stays) {
                LocalDate start = (LocalDate) s[0];
                if (death != null && start.isAfter(death) || start.isAfter(TO)) {
                    continue;
                }
                LocalDate end = start.plusDays((Integer) s[1]);
                if (end.isAfter(TO)) {
                    end = TO;
                }
                out.stay(pseudonyms.getFirst(), start, end, (String) s[2], (String) s[3], (String) s[4],
                        r.nextInt(100) == 0);
                totals[1]++;
            }
            if (id.isEmpty()) {
                throw new IllegalStateException("unreachable");
            }
        }

        private String pseudonym() {
            int k = pseudonyms.size() == 1 ? 0 : r.nextInt(pseudonyms.size());
            return pseudonyms.get(k) + ";" + (k + 1);
        }
    }

    /** The open table files, with running claim and stay numbers. */
    private static final class Out implements AutoCloseable {
        private static final Map<String, String> HEADERS = Map.ofEntries(
                Map.entry("IR_BEN_R", "BEN_NIR_PSA;BEN_RNG_GEM;BEN_IDT_ANO;BEN_NAI_ANN;BEN_NAI_MOI;BEN_SEX_COD;BEN_RES_DPT;BEN_DCD_DTE"),
                Map.entry("IR_PHA_R", "PHA_CIP_C13;PHA_ATC_C07;PHA_NOM_COURT;PHA_ATC_L07;PHA_ATC_C03;PHA_ATC_L03"),
                Map.entry("ER_PRS_F", KEYS + ";BEN_NIR_PSA;BEN_RNG_GEM;EXE_SOI_DTD;PRS_NAT_REF;PRS_ACT_QTE"),
                Map.entry("ER_PHA_F", KEYS + ";PHA_PRS_C13;PHA_ACT_QSN"),
                Map.entry("T_MCO22B", "ETA_NUM;RSA_NUM;DGN_PAL;DGN_REL;SEJ_NBJ;SOR_MOD"),
                Map.entry("T_MCO23B", "ETA_NUM;RSA_NUM;DGN_PAL;DGN_REL;SEJ_NBJ;SOR_MOD"),
                Map.entry("T_MCO22C", "ETA_NUM;RSA_NUM;NIR_ANO_17;EXE_SOI_DTD;EXE_SOI_DTF;NIR_RET;NAI_RET;SEX_RET;SEJ_RET;FHO_RET;PMS_RET;DAT_RET"),
                Map.entry("T_MCO23C", "ETA_NUM;RSA_NUM;NIR_ANO_17;EXE_SOI_DTD;EXE_SOI_DTF;NIR_RET;NAI_RET;SEX_RET;SEJ_RET;FHO_RET;PMS_RET;DAT_RET"),
                Map.entry("T_MCO22D", "ETA_NUM;RSA_NUM;ASS_DGN"),
                Map.entry("T_MCO23D", "ETA_NUM;RSA_NUM;ASS_DGN"),
                Map.entry("KI_CCI_R", "BEN_IDT_ANO;BEN_DCD_DTE;DCD_CIM_COD;DCD_DPT_COD"));
        private final Path dir;
        private final Map<String, BufferedWriter> writers = new HashMap<>();
        private long claim;
        private long stay;

        Out(Path dir) throws IOException {
            this.dir = dir;
            for (String table : HEADERS.keySet().stream().sorted().toList()) {
                w(table);
            }
        }

        BufferedWriter w(String table) throws IOException {
            BufferedWriter w = writers.get(table);
            if (w == null) {
                w = Files.newBufferedWriter(dir.resolve(table + ".csv"), StandardCharsets.UTF_8);
                w.write(HEADERS.get(table) + "\n");
                writers.put(table, w);
            }
            return w;
        }

        void claim(String pseudonymAndRank, LocalDate day, Drug d, int boxes) throws IOException {
            String keys = keys(day);
            w("ER_PRS_F").write(keys + ";" + pseudonymAndRank + ";" + day + ";3317;" + boxes + "\n");
            w("ER_PHA_F").write(keys + ";" + d.cip + ";" + boxes + "\n");
        }

        void consultation(String pseudonymAndRank, LocalDate day) throws IOException {
            w("ER_PRS_F").write(keys(day) + ";" + pseudonymAndRank + ";" + day + ";1111;1\n");
        }

        private String keys(LocalDate day) {
            claim++;
            LocalDate flux = day.withDayOfMonth(1).plusMonths(1);
            return claim + ";" + flux + ";1;" + (claim % 7) + ";1;" + flux + ";01C751001;1;1";
        }

        void stay(String psa, LocalDate start, LocalDate end, String principal, String related, String associated,
                  boolean badLinkage) throws IOException {
            stay++;
            String yy = String.format("%02d", end.getYear() % 100);
            String eta = "0" + (10000000 + stay % 997);
            w("T_MCO" + yy + "B").write(eta + ";" + stay + ";" + principal + ";" + related + ";"
                    + (end.toEpochDay() - start.toEpochDay()) + ";8\n");
            w("T_MCO" + yy + "C").write(eta + ";" + stay + ";" + psa + ";" + start.format(SAS).toUpperCase(Locale.ROOT)
                    + ";" + end.format(SAS).toUpperCase(Locale.ROOT) + ";" + (badLinkage ? "1" : "0") + ";0;0;0;0;0;0\n");
            if (!associated.isEmpty()) {
                w("T_MCO" + yy + "D").write(eta + ";" + stay + ";" + associated + "\n");
            }
        }

        @Override
        public void close() throws IOException {
            for (BufferedWriter w : writers.values()) {
                w.close();
            }
        }
    }
}
