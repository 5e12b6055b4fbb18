package org.healthgraph.importers.snds;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.importers.InputTree;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;

/**
 * Reads an SNDS-shaped extract folder into patients with care events.
 *
 * <ul>
 * <li>IR_BEN_R (required): BEN_NIR_PSA + BEN_RNG_GEM to BEN_IDT_ANO, the patient; several pseudonyms
 * of one BEN_IDT_ANO make one patient, each kept as an alias {@code BEN_NIR_PSA:<psa>+<rank>}.</li>
 * <li>ER_PRS_F joined to ER_PHA_F on the 9 claim keys: a DRUG_DISPENSING on EXE_SOI_DTD coded by
 * its CIP13 (PHA_PRS_C13) and, through IR_PHA_R (PHA_CIP_C13 to PHA_ATC_C07), its ATC class, with
 * PHA_ACT_QSN boxes; a claim without pharmacy line and PRS_NAT_REF 1111-1119 (consultations) is a
 * CONSULTATION.</li>
 * <li>T_MCOaaC (NIR_ANO_17, EXE_SOI_DTD, EXE_SOI_DTF) + T_MCOaaB (DGN_PAL, DGN_REL) + T_MCOaaD
 * (ASS_DGN) joined on ETA_NUM + RSA_NUM: a HOSPITAL_STAY; a stay whose *_RET linkage return codes
 * are not all '0' is counted in the report and left out.</li>
 * <li>KI_CCI_R (BEN_IDT_ANO, BEN_DCD_DTE, DCD_CIM_COD) or else IR_BEN_R.BEN_DCD_DTE: a DEATH.</li>
 * </ul>
 * Values are read strictly ({@link SndsValues}, {@link SndsDates}): a row with an impossible date, a
 * malformed year or code, or a line longer than the limit is left out and reported ({@link LeftOut}:
 * file, line, column and rule, never the value); a byte that is not of a file's encoding fails the
 * import naming the file and line. A symbolic link that leads outside the folder is refused.
 * Everything is held in memory while the tables are joined (about 1 GB per 5 million claims). An
 * instance reads one extract at a time (it collects the rows left out while it reads).
 */
public final class SndsExtractImporter {

    private static final Pattern MCO = Pattern.compile("T_MCO(\\d\\d)([BCD])", Pattern.CASE_INSENSITIVE);
    private static final List<String> CLAIM_KEYS = List.of("DCT_ORD_NUM", "FLX_DIS_DTD", "FLX_EMT_NUM", "FLX_EMT_ORD",
            "FLX_EMT_TYP", "FLX_TRT_DTD", "ORG_CLE_NUM", "PRS_ORD_NUM", "REM_TYP_AFF");

    /** The default limit on a line's length, in characters (1 MiB). */
    public static final int DEFAULT_MAX_LINE_LENGTH = CsvTable.DEFAULT_MAX_LINE;

    private final Optional<Character> separator;
    private final Optional<Charset> charset;
    private final int maxLineLength;
    private LeftOutRows leftOut = new LeftOutRows();
    private Consumer<String> progress = line -> { };

    /** An importer that detects separators and encodings. */
    public SndsExtractImporter() {
        this(Optional.empty(), Optional.empty());
    }

    /** An importer with a fixed separator and/or encoding. */
    public SndsExtractImporter(Optional<Character> separator, Optional<Charset> charset) {
        this(separator, charset, DEFAULT_MAX_LINE_LENGTH);
    }

    /** An importer with a fixed separator and/or encoding, and a limit on a line's length in characters. */
    public SndsExtractImporter(Optional<Character> separator, Optional<Charset> charset, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new SndsImportException("the limit on a line's length must be at least 1 character, got " + maxLineLength);
        }
        this.separator = separator;
        this.charset = charset;
        this.maxLineLength = maxLineLength;
    }

    /**
     * A row left out because a value broke a rule: where it stands (file name, line counting the
     * header as 1, column; empty when the whole line is at fault) and the rule, never the value.
     */
    public record LeftOut(String file, long line, String column, String rule) {
        @Override
        public String toString() {
            return file + " line " + line + (column.isEmpty() ? "" : " column " + column) + ": " + rule + "; row left out";
        }
    }

    /**
     * What was read, and what was left out and why (counts only: no patient-level value). The rows
     * whose values break a rule are counted per rule in {@code rowsLeftOutPerRule}; the first
     * {@value LeftOutRows#KEPT} of them are in {@code leftOut}.
     */
    public record Report(Map<String, Long> rowsPerTable, long patients, long events, long staysWithBadLinkage,
                         long rowsOfUnknownPatients, long claimsWithoutPharmacyLine, long drugsWithoutAtc,
                         Map<String, Long> rowsLeftOutPerRule, List<LeftOut> leftOut) {

        /** The number of rows left out because a value broke a rule. */
        public long rowsLeftOut() {
            return rowsLeftOutPerRule.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The patients and the report. */
    public record Extract(List<PatientJourney> patients, Report report, AtcCodeList atc) {

        /** The ATC code list the drug reference names, if its rows carry labels (see {@link AtcCodeList}). */
        public Optional<CatalogUnit> atcCodes() {
            return atc.unit();
        }
    }

    private record Beneficiary(String idt, int birthYear, int birthMonth, int sex, String dept, Optional<LocalDate> death) {
    }

    private static final class Acc {
        final int index;
        final List<String> aliases = new ArrayList<>(1);
        final List<CareEvent> events = new ArrayList<>();
        Beneficiary ben;
        LocalDate death;
        String deathCause;

        Acc(int index) {
            this.index = index;
        }
    }

    /**
     * Tells {@code progress} how the reading goes: a line at the end of each table read, and one every
     * few seconds of a long one (table names and row counts only, never content).
     */
    public SndsExtractImporter withProgress(Consumer<String> progress) {
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** Reads the folder. */
    public Extract read(Path dir) {
        leftOut = new LeftOutRows();
        Map<String, Path> files = tableFiles(dir);
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Acc> patients = new LinkedHashMap<>();
        List<Acc> byIndex = new ArrayList<>();
        HashIndex byPsaRank = new HashIndex(1 << 16);
        Map<String, String> byPsa = new HashMap<>();
        readBeneficiaries(require(files, "IR_BEN_R", dir), rows, patients, byIndex, byPsaRank, byPsa);
        long[] unknown = new long[1];
        long[] noPharmacy = new long[1];
        long[] noAtc = new long[1];
        AtcCodeList atcList = new AtcCodeList();
        if (files.containsKey("ER_PRS_F")) {
            Map<String, String> atc = readDrugReference(require(files, "IR_PHA_R", dir), rows, atcList);
            readClaims(files.get("ER_PRS_F"), require(files, "ER_PHA_F", dir), atc, rows, byIndex, byPsaRank, unknown,
                    noPharmacy, noAtc);
        }
        long badLinkage = 0;
        for (String yy : mcoYears(files)) {
            badLinkage += readStays(yy, files, dir, rows, patients, byPsa, unknown);
        }
        if (files.containsKey("KI_CCI_R")) {
            readDeaths(files.get("KI_CCI_R"), rows, patients, unknown);
        }
        List<PatientJourney> out = new ArrayList<>(patients.size());
        long events = 0;
        for (Map.Entry<String, Acc> e : patients.entrySet()) {
            PatientJourney j = toJourney(e.getKey(), e.getValue());
            events += j.events().size();
            out.add(j);
        }
        return new Extract(out, new Report(rows, out.size(), events, badLinkage, unknown[0], noPharmacy[0], noAtc[0],
                leftOut.perRule(), leftOut.first()), atcList);
    }

    private static PatientJourney toJourney(String id, Acc a) {
        List<CareEvent> events = a.events;
        Optional<LocalDate> death = Optional.ofNullable(a.death).or(() -> a.ben.death());
        death.ifPresent(d -> events.add(new CareEvent(EventType.DEATH, d, d, a.death != null ? "KI_CCI_R" : "IR_BEN_R", 0,
                a.deathCause == null ? List.of() : List.of(new EventCode(CodeSystem.ICD10, a.deathCause, CodeRole.CAUSE_OF_DEATH)))));
        Optional<LocalDate> birth = a.ben.birthYear() > 1800
                ? Optional.of(LocalDate.of(a.ben.birthYear(), a.ben.birthMonth() >= 1 && a.ben.birthMonth() <= 12 ? a.ben.birthMonth() : 7, 1))
                : Optional.empty();
        return new PatientJourney(new PatientId(id), a.aliases, birth, a.ben.sex(), a.ben.dept(), death, events);
    }

    private void readBeneficiaries(Path file, Map<String, Long> rows, Map<String, Acc> patients, List<Acc> byIndex,
                                   HashIndex byPsaRank, Map<String, String> byPsa) {
        CsvTable t = table(file, "IR_BEN_R", List.of("BEN_NIR_PSA", "BEN_RNG_GEM", "BEN_IDT_ANO"));
        int psa = t.column("BEN_NIR_PSA");
        int rng = t.column("BEN_RNG_GEM");
        int idt = t.column("BEN_IDT_ANO");
        int year = t.column("BEN_NAI_ANN");
        int month = t.column("BEN_NAI_MOI");
        int sex = t.column("BEN_SEX_COD");
        int dept = t.column("BEN_RES_DPT");
        int dcd = t.column("BEN_DCD_DTE");
        int[] psaRank = {psa, rng};
        long[] h = new long[2];
        rows.put("IR_BEN_R", t.forEach(r -> {
            String id = CsvTable.get(r, idt);
            if (id.isEmpty()) {
                return;
            }
            // Every value is checked before anything is kept: a row that breaks a rule leaves no trace.
            Beneficiary ben = new Beneficiary(id, SndsValues.birthYear(CsvTable.get(r, year), "BEN_NAI_ANN"),
                    SndsValues.birthMonth(CsvTable.get(r, month), "BEN_NAI_MOI"), SndsValues.sex(CsvTable.get(r, sex), "BEN_SEX_COD"),
                    SndsValues.department(CsvTable.get(r, dept), "BEN_RES_DPT"),
                    SndsDates.parse(CsvTable.get(r, dcd), "BEN_DCD_DTE"));
            Acc a = patients.computeIfAbsent(id, k -> {
                Acc n = new Acc(byIndex.size());
                byIndex.add(n);
                return n;
            });
            String p = CsvTable.get(r, psa);
            String rank = CsvTable.get(r, rng);
            a.aliases.add("BEN_NIR_PSA:" + p + "+" + rank);
            r.hash(psaRank, h);
            byPsaRank.put(h[0], h[1], a.index);
            byPsa.merge(p, id, (x, y) -> x.equals(y) ? x : "");
            if (a.ben == null) {
                a.ben = ben;
            }
        }));
    }

    /**
     * The drug reference: each CIP13's ATC class; and, when the file has them, the labels of the ATC
     * codes (PHA_ATC_L07 of PHA_ATC_C07, PHA_ATC_L03 of PHA_ATC_C03) for the ATC code list.
     */
    private Map<String, String> readDrugReference(Path file, Map<String, Long> rows, AtcCodeList labels) {
        CsvTable t = table(file, "IR_PHA_R", List.of("PHA_CIP_C13", "PHA_ATC_C07"));
        int cip = t.column("PHA_CIP_C13");
        int atc = t.column("PHA_ATC_C07");
        int atcLabel = t.column("PHA_ATC_L07");
        int group = t.column("PHA_ATC_C03");
        int groupLabel = t.column("PHA_ATC_L03");
        Map<String, String> out = new HashMap<>();
        rows.put("IR_PHA_R", t.forEach(r -> {
            String code = SndsValues.cip(CsvTable.get(r, cip), "PHA_CIP_C13");
            String atcCode = SndsValues.atc(CsvTable.get(r, atc), "PHA_ATC_C07");
            out.put(code, atcCode);
            if (atcLabel >= 0) {
                labels.name(atcCode, CsvTable.get(r, atcLabel));
            }
            if (group >= 0 && groupLabel >= 0) {
                labels.name(SndsValues.atc(CsvTable.get(r, group), "PHA_ATC_C03"), CsvTable.get(r, groupLabel));
            }
        }));
        return out;
    }

    private void readClaims(Path prsFile, Path phaFile, Map<String, String> atc, Map<String, Long> rows,
                            List<Acc> patients, HashIndex byPsaRank, long[] unknown, long[] noPharmacy,
                            long[] noAtc) {
        List<String> phaRequired = new ArrayList<>(CLAIM_KEYS);
        phaRequired.addAll(List.of("PHA_PRS_C13", "PHA_ACT_QSN"));
        CsvTable pha = table(phaFile, "ER_PHA_F", phaRequired);
        int[] phaKeys = CLAIM_KEYS.stream().mapToInt(pha::column).toArray();
        int c13 = pha.column("PHA_PRS_C13");
        int qsn = pha.column("PHA_ACT_QSN");
        // Pharmacy lines by the hash of their 9 claim keys; a line joins at most one claim.
        HashIndex lines = new HashIndex(1 << 20);
        Map<String, Integer> cipIndex = new HashMap<>();
        List<String> cips = new ArrayList<>();
        int[][] line = {new int[1 << 20], new int[1 << 20]};
        int[] count = {0};
        long[] h = new long[2];
        rows.put("ER_PHA_F", pha.forEach(r -> {
            // A CIP is checked when first seen (a bad one is never kept, so checked again each time).
            int cip = cipIndex.computeIfAbsent(CsvTable.get(r, c13), k -> {
                cips.add(SndsValues.cip(k, "PHA_PRS_C13"));
                return cips.size() - 1;
            });
            int quantity = intOr(r, qsn);
            int n = count[0]++;
            if (n == line[0].length) {
                line[0] = Arrays.copyOf(line[0], n * 2);
                line[1] = Arrays.copyOf(line[1], n * 2);
            }
            line[0][n] = cip;
            line[1][n] = quantity;
            r.hash(phaKeys, h);
            lines.put(h[0], h[1], n);
        }));
        boolean[] taken = new boolean[count[0]];
        // A dispensing's codes depend on its CIP13 only: one list per CIP13, shared by its events.
        List<List<EventCode>> codesOfCip = new ArrayList<>(cips.size());
        boolean[] withoutAtc = new boolean[cips.size()];
        for (int i = 0; i < cips.size(); i++) {
            String cip = cips.get(i);
            List<EventCode> codes = new ArrayList<>(2);
            if (!cip.isBlank()) {
                codes.add(new EventCode(CodeSystem.CIP13, cip, CodeRole.DRUG));
            }
            String a = atc.get(cip);
            if (a == null || a.isBlank()) {
                withoutAtc[i] = true;
            } else {
                codes.add(new EventCode(CodeSystem.ATC, a, CodeRole.DRUG));
            }
            codesOfCip.add(new CareEvent(EventType.DRUG_DISPENSING, SndsDates.EPOCH, SndsDates.EPOCH, "", 0, codes).codes());
        }
        List<String> prsRequired = new ArrayList<>(CLAIM_KEYS);
        prsRequired.addAll(List.of("BEN_NIR_PSA", "BEN_RNG_GEM", "EXE_SOI_DTD"));
        CsvTable prs = table(prsFile, "ER_PRS_F", prsRequired);
        int[] prsKeys = CLAIM_KEYS.stream().mapToInt(prs::column).toArray();
        int[] psaRank = {prs.column("BEN_NIR_PSA"), prs.column("BEN_RNG_GEM")};
        int day = prs.column("EXE_SOI_DTD");
        int nat = prs.column("PRS_NAT_REF");
        rows.put("ER_PRS_F", prs.forEach(r -> {
            r.hash(psaRank, h);
            int id = byPsaRank.get(h[0], h[1]);
            if (id == HashIndex.ABSENT) {
                unknown[0]++;
                return;
            }
            LocalDate date = SndsDates.parse(r, day, "EXE_SOI_DTD");
            if (date == null) {
                return;
            }
            r.hash(prsKeys, h);
            int d = lines.get(h[0], h[1]);
            if (d == HashIndex.ABSENT || taken[d]) {
                int n = r.start(nat);
                if (r.length(nat) == 4 && r.charAt(n) == '1' && r.charAt(n + 1) == '1' && r.charAt(n + 2) == '1') {
                    patients.get(id).events.add(new CareEvent(EventType.CONSULTATION, date, date, "ER_PRS_F", 1, List.of()));
                } else {
                    noPharmacy[0]++;
                }
                return;
            }
            taken[d] = true;
            int cip = line[0][d];
            if (withoutAtc[cip]) {
                noAtc[0]++;
            }
            patients.get(id).events.add(new CareEvent(EventType.DRUG_DISPENSING, date, date, "ER_PHA_F", line[1][d],
                    codesOfCip.get(cip)));
        }));
    }

    private long readStays(String yy, Map<String, Path> files, Path dir, Map<String, Long> rows, Map<String, Acc> patients,
                           Map<String, String> byPsa, long[] unknown) {
        String b = "T_MCO" + yy + "B";
        String c = "T_MCO" + yy + "C";
        String d = "T_MCO" + yy + "D";
        CsvTable tb = table(require(files, b, dir), b, List.of("ETA_NUM", "RSA_NUM", "DGN_PAL"));
        CsvTable tc = table(require(files, c, dir), c, List.of("ETA_NUM", "RSA_NUM", "NIR_ANO_17", "EXE_SOI_DTD", "EXE_SOI_DTF"));
        Map<String, List<EventCode>> diagnoses = new HashMap<>();
        int eta = tb.column("ETA_NUM");
        int rsa = tb.column("RSA_NUM");
        int pal = tb.column("DGN_PAL");
        int rel = tb.column("DGN_REL");
        rows.put(b, tb.forEach(r -> {
            List<EventCode> codes = new ArrayList<>(3);
            addIcd(codes, SndsValues.icd10(CsvTable.get(r, pal), "DGN_PAL"), CodeRole.PRINCIPAL);
            addIcd(codes, SndsValues.icd10(CsvTable.get(r, rel), "DGN_REL"), CodeRole.RELATED);
            diagnoses.put(CsvTable.get(r, eta) + "|" + CsvTable.get(r, rsa), codes);
        }));
        if (files.containsKey(d)) {
            CsvTable td = table(files.get(d), d, List.of("ETA_NUM", "RSA_NUM", "ASS_DGN"));
            int deta = td.column("ETA_NUM");
            int drsa = td.column("RSA_NUM");
            int ass = td.column("ASS_DGN");
            rows.put(d, td.forEach(r -> {
                String code = SndsValues.icd10(CsvTable.get(r, ass), "ASS_DGN");
                List<EventCode> codes = diagnoses.get(CsvTable.get(r, deta) + "|" + CsvTable.get(r, drsa));
                if (codes != null) {
                    addIcd(codes, code, CodeRole.ASSOCIATED);
                }
            }));
        }
        int ceta = tc.column("ETA_NUM");
        int crsa = tc.column("RSA_NUM");
        int nir = tc.column("NIR_ANO_17");
        int from = tc.column("EXE_SOI_DTD");
        int to = tc.column("EXE_SOI_DTF");
        List<Integer> ret = new ArrayList<>();
        for (String col : List.of("NIR_RET", "NAI_RET", "SEX_RET", "SEJ_RET", "FHO_RET", "PMS_RET", "DAT_RET",
                "COH_NAI_RET", "COH_SEX_RET")) {
            if (tc.column(col) >= 0) {
                ret.add(tc.column(col));
            }
        }
        long[] bad = new long[1];
        rows.put(c, tc.forEach(r -> {
            for (int col : ret) {
                String v = CsvTable.get(r, col);
                if (!v.isEmpty() && !v.equals("0")) {
                    bad[0]++;
                    return;
                }
            }
            Optional<LocalDate> start = SndsDates.parse(CsvTable.get(r, from), "EXE_SOI_DTD");
            Optional<LocalDate> end = SndsDates.parse(CsvTable.get(r, to), "EXE_SOI_DTF");
            String id = byPsa.get(CsvTable.get(r, nir));
            if (id == null || id.isEmpty()) {
                unknown[0]++;
                return;
            }
            if (start.isEmpty()) {
                return;
            }
            List<EventCode> codes = diagnoses.getOrDefault(CsvTable.get(r, ceta) + "|" + CsvTable.get(r, crsa), List.of());
            LocalDate e = end.filter(x -> !x.isBefore(start.get())).orElse(start.get());
            patients.get(id).events.add(new CareEvent(EventType.HOSPITAL_STAY, start.get(), e, c, 0, codes));
        }));
        return bad[0];
    }

    private void readDeaths(Path file, Map<String, Long> rows, Map<String, Acc> patients, long[] unknown) {
        CsvTable t = table(file, "KI_CCI_R", List.of("BEN_IDT_ANO", "BEN_DCD_DTE"));
        int idt = t.column("BEN_IDT_ANO");
        int dte = t.column("BEN_DCD_DTE");
        int cause = t.column("DCD_CIM_COD");
        rows.put("KI_CCI_R", t.forEach(r -> {
            Optional<LocalDate> date = SndsDates.parse(CsvTable.get(r, dte), "BEN_DCD_DTE");
            String c = SndsValues.icd10(CsvTable.get(r, cause), "DCD_CIM_COD");
            Acc a = patients.get(CsvTable.get(r, idt));
            if (a == null) {
                unknown[0]++;
                return;
            }
            date.ifPresent(day -> {
                a.death = day;
                a.deathCause = c.isEmpty() ? null : c;
            });
        }));
    }

    /** Adds a code checked by {@link SndsValues#icd10}, unless blank. */
    private static void addIcd(List<EventCode> codes, String code, CodeRole role) {
        if (!code.isEmpty()) {
            codes.add(new EventCode(CodeSystem.ICD10, code, role));
        }
    }

    private CsvTable table(Path file, String name, List<String> required) {
        return new CsvTable(file, name, separator, charset, required, maxLineLength, leftOut, progress);
    }

    private static Path require(Map<String, Path> files, String table, Path dir) {
        Path p = files.get(table);
        if (p == null) {
            throw new SndsImportException("the extract in " + dir + " lacks table " + table + " (expected a file "
                    + table + ".csv)");
        }
        return p;
    }

    private static List<String> mcoYears(Map<String, Path> files) {
        return files.keySet().stream().map(MCO::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct()
                .sorted().toList();
    }

    private static Map<String, Path> tableFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SndsImportException("extract folder " + dir + " does not exist or is not a folder");
        }
        Map<String, Path> out = new HashMap<>();
        for (Path p : InputTree.filesIn(dir, SndsExtractImporter::isTableFile)) {
            String name = p.getFileName().toString();
            out.put(name.substring(0, name.length() - 4).toUpperCase(Locale.ROOT), p);
        }
        return out;
    }

    private static boolean isTableFile(Path p) {
        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".txt");
    }

    /** A small non-negative integer field without a string; falls back to parsing the string otherwise. */
    private static int intOr(CsvTable.Row r, int column) {
        int from = r.start(column);
        int n = r.length(column);
        if (n == 0 || n > 9) {
            return SndsValues.quantity(r.get(column), "PHA_ACT_QSN");
        }
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = r.charAt(i);
            if (c < '0' || c > '9') {
                return SndsValues.quantity(r.get(column), "PHA_ACT_QSN");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
