package org.healthgraph.importers.snds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;

/**
 * The ATC classification as a catalog code list, made from the labels an extract's drug reference
 * (IR_PHA_R) carries: PHA_ATC_C07/PHA_ATC_L07 (the substance, level 5) and PHA_ATC_C03/PHA_ATC_L03
 * (the therapeutic subgroup, level 2). The care events' drug codes are the nodes of this list
 * ({@code ATC:C10AA05}), so that a drug code has a label, a page and a place in the search.
 *
 * <p>Levels the reference does not name are still codes of the list, so that every class a cohort
 * query may use as a prefix (C10AA for the statins) can be found and read: level 1 has the WHO's 14
 * anatomical main groups; a level-3 or level-4 class is labelled by the substances it holds in the
 * extract ("ATORVASTATINE, ROSUVASTATINE, SIMVASTATINE"), which is what a researcher recognises and
 * searches for (a class of substances sharing a stem, -statine, is found by that stem).
 */
public final class AtcCodeList {

    /** The list's name: the nomenclature the care events' ATC codes are keyed under (journeys' CodeSystem.ATC). */
    public static final NomenclatureName NAME = NomenclatureName.of("ATC");
    /** The unit's source, as the catalog's history records it. */
    public static final String SOURCE = "IR_PHA_R";
    /** Most substance names in a class's label; more are counted. */
    static final int MAX_NAMED_MEMBERS = 8;

    /** The WHO's ATC anatomical main groups (level 1), in French. */
    static final Map<String, String> MAIN_GROUPS = Map.ofEntries(
            Map.entry("A", "Voies digestives et métabolisme"),
            Map.entry("B", "Sang et organes hématopoïétiques"),
            Map.entry("C", "Système cardiovasculaire"),
            Map.entry("D", "Médicaments dermatologiques"),
            Map.entry("G", "Système génito-urinaire et hormones sexuelles"),
            Map.entry("H", "Hormones systémiques, à l'exclusion des hormones sexuelles et des insulines"),
            Map.entry("J", "Anti-infectieux généraux à usage systémique"),
            Map.entry("L", "Antinéoplasiques et immunomodulateurs"),
            Map.entry("M", "Muscle et squelette"),
            Map.entry("N", "Système nerveux"),
            Map.entry("P", "Antiparasitaires, insecticides et répulsifs"),
            Map.entry("R", "Système respiratoire"),
            Map.entry("S", "Organes sensoriels"),
            Map.entry("V", "Divers"));

    private static final int[] LEVEL_LENGTHS = {1, 3, 4, 5, 7};

    private final Map<String, String> named = new TreeMap<>();

    /** Adds what one reference row says: a code and its label (a blank label says nothing). */
    void name(String code, String label) {
        String l = label == null ? "" : label.strip();
        if (!code.isEmpty() && !l.isEmpty()) {
            named.putIfAbsent(code, l);
        }
    }

    /** Whether the reference named any code. */
    boolean isEmpty() {
        return named.isEmpty();
    }

    /**
     * The code list, every level of every named code with a label, or empty when the reference named
     * no code (an extract whose IR_PHA_R has no label columns): a list of unlabelled codes says nothing.
     */
    public Optional<CatalogUnit> unit() {
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = new TreeMap<>(named);
        Map<String, TreeSet<String>> members = new TreeMap<>();
        for (Map.Entry<String, String> e : named.entrySet()) {
            String code = e.getKey();
            for (int len : LEVEL_LENGTHS) {
                if (len >= code.length()) {
                    break;
                }
                String parent = code.substring(0, len);
                if (code.length() == 7) {
                    members.computeIfAbsent(parent, k -> new TreeSet<>()).add(e.getValue());
                }
                labels.putIfAbsent(parent, "");
            }
        }
        List<Code> codes = new ArrayList<>(labels.size());
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String code = e.getKey();
            String label = !e.getValue().isEmpty() ? e.getValue()
                    : code.length() == 1 ? MAIN_GROUPS.getOrDefault(code, "")
                    : membersLabel(members.getOrDefault(code, new TreeSet<>()));
            codes.add(new Code(new CodeRef(NAME, code), label, Map.of("ATC_NIV", String.valueOf(level(code)))));
        }
        Nomenclature list = new Nomenclature(NAME, "Classification ATC des médicaments (référentiel IR_PHA_R de l'extraction)",
                "IR_PHA_R", List.of(new NomenclatureColumn("ATC_COD", "string", ColumnRole.CODE),
                        new NomenclatureColumn("ATC_LIB", "string", ColumnRole.LABEL),
                        new NomenclatureColumn("ATC_NIV", "integer", ColumnRole.OTHER)), List.of("ATC_COD"));
        return Optional.of(CatalogUnit.of(SOURCE).withNomenclatures(List.of(list)).withCodes(codes)
                .withFingerprint(fingerprint(codes)));
    }

    /** The ATC level of a code: 1 (C), 2 (C10), 3 (C10A), 4 (C10AA), 5 (C10AA05). */
    static int level(String code) {
        for (int i = 0; i < LEVEL_LENGTHS.length; i++) {
            if (code.length() <= LEVEL_LENGTHS[i]) {
                return i + 1;
            }
        }
        return LEVEL_LENGTHS.length;
    }

    private static String membersLabel(TreeSet<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        List<String> shown = names.stream().limit(MAX_NAMED_MEMBERS).toList();
        String label = String.join(", ", shown);
        return names.size() > shown.size() ? label + " (et " + (names.size() - shown.size()) + " autres)" : label;
    }

    private static String fingerprint(List<Code> codes) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Code c : codes) {
                d.update((c.ref().code() + "\t" + c.label() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
