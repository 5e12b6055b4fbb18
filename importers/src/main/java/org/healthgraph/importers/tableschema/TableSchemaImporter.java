package org.healthgraph.importers.tableschema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.healthgraph.importers.InputTree;
import org.healthgraph.importers.TextLimits;
import org.healthgraph.importers.UnavailableStop;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.InvalidCatalogInputException;
import org.healthgraph.catalog.Table;
import org.healthgraph.graph.ErrorKind;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a Frictionless Table Schema tree laid out as schema-snds: {@code nomenclatures/<source>/<NAME>.json}
 * (+ {@code <NAME>.csv}) first, then {@code schemas/<product>/<TABLE>.json}, then the tables' foreign
 * keys. Each file is one transaction: a file that fails leaves nothing behind, and the others are
 * imported. Importing the same tree again changes nothing; a changed description is updated and
 * recorded in the variable's history.
 *
 * <pre>{@code
 * ImportReport report = new TableSchemaImporter(catalog, writer).importTree(Path.of("schema-snds"), ImportProgress.NONE);
 * }</pre>
 */
public final class TableSchemaImporter {

    /** Code list files read ahead of the one being written. */
    private static final int READ_AHEAD = 2;

    private final Catalog catalog;
    private final CatalogWriter writer;
    private final TextLimits limits;
    private final ObjectMapper json = JsonMapper.builder().build();

    public TableSchemaImporter(Catalog catalog, CatalogWriter writer) {
        this(catalog, writer, TextLimits.DEFAULT);
    }

    /** @param limits the longest texts taken; entries with longer ones are left out and reported */
    public TableSchemaImporter(Catalog catalog, CatalogWriter writer, TextLimits limits) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Imports the tree under {@code dir}.
     *
     * @throws InvalidCatalogInputException when {@code dir} is not a folder holding {@code schemas/} or
     *         {@code nomenclatures/}
     */
    public ImportReport importTree(Path dir, ImportProgress progress) {
        Path root = treeRoot(dir);
        writer.ensureSchema();
        ImportReport.Builder report = new ImportReport.Builder();
        importCodeLists(root, list(root.resolve("nomenclatures")), progress, report);
        List<TableReader.Read> tables = importTables(root, list(root.resolve("schemas")), progress, report);
        importJoins(root, tables, progress, report);
        return report.build();
    }

    /**
     * Imports the tree all or nothing ({@code --atomic}): every file is read and checked before anything
     * is written; when a file fails, or a row is left out and {@code leftOutRowsAllowed} is false, nothing
     * is written (the report says why and {@link ImportReport#hasErrors()} is true); otherwise every file
     * is written in one transaction, so that a failure of the database during the write leaves nothing
     * either. The one transaction holds the whole tree: it needs memory in proportion (the SNDS
     * dictionary's 415,000 codes fit in the default heap of the command line).
     *
     * @throws InvalidCatalogInputException when {@code dir} is not a folder holding {@code schemas/} or
     *         {@code nomenclatures/}
     */
    public ImportReport importTreeAtomically(Path dir, ImportProgress progress, boolean leftOutRowsAllowed) {
        Path root = treeRoot(dir);
        writer.ensureSchema();
        ImportReport.Builder report = new ImportReport.Builder();
        List<CatalogUnit> units = new ArrayList<>();
        boolean[] refused = {false};
        int[] files = {0};
        java.util.function.BiConsumer<FileOutcome, Boolean> check = (outcome, wholeFile) -> {
            Optional<CatalogUnit> unit = checked(outcome, report, wholeFile);
            unit.ifPresentOrElse(units::add, () -> refused[0] = true);
            if (wholeFile && unit.isPresent()) {
                files[0]++;
            }
        };
        NomenclatureReader codeListReader = new NomenclatureReader(json, root);
        Set<String> codeLists = new HashSet<>();
        catalog.nomenclatures().forEach(n -> codeLists.add(n.name().value()));
        List<Path> codeListFiles = list(root.resolve("nomenclatures"));
        progress.start("Code lists (read)", codeListFiles.size());
        for (Path file : codeListFiles) {
            report.fileRead();
            FileOutcome outcome = codeListReader.read(file);
            outcome.unit().ifPresent(u -> u.nomenclatures().forEach(n -> codeLists.add(n.name().value())));
            check.accept(outcome, true);
            progress.step(SourceFiles.relative(root, file));
        }
        progress.done();
        TableReader tableReader = new TableReader(json, root);
        Set<String> tables = new HashSet<>();
        catalog.tables().stream().map(Table::name).forEach(t -> tables.add(t.value()));
        List<TableReader.Read> read = new ArrayList<>();
        List<Path> tableFiles = list(root.resolve("schemas"));
        progress.start("Tables (read)", tableFiles.size());
        for (Path file : tableFiles) {
            report.fileRead();
            TableReader.Read r = tableReader.read(file, codeLists);
            r.table().unit().ifPresent(u -> u.tables().forEach(t -> tables.add(t.name().value())));
            read.add(r);
            check.accept(r.table(), true);
            progress.step(SourceFiles.relative(root, file));
        }
        progress.done();
        for (TableReader.Read t : read) {
            if (t.foreignKeys().isPresent() && t.table().unit().isPresent()) {
                String source = t.table().unit().map(CatalogUnit::source).orElseThrow();
                check.accept(TableReader.joins(source, t.name(), t.foreignKeys().orElseThrow(), tables), false);
            }
        }
        ImportReport sofar = report.build();
        if (refused[0] || (!leftOutRowsAllowed && sofar.hasErrors())) {
            report.problem(ImportProblem.error(SourceFiles.relative(root, root), "", "--atomic: nothing imported, because "
                    + (refused[0] ? "a file failed" : "rows were left out (--lenient imports the rest)")));
            return report.build();
        }
        try {
            CatalogChange change = writer.write(merged(root, units));
            report.unitWritten(change);
            // Each file is counted as imported; the one change holds the counts of them all.
            CatalogChange counted = new CatalogChange(change.source(), java.util.Map.of(), 0, 0, 0, List.of(), false);
            for (int i = 0; i < files[0]; i++) {
                report.fileImported(counted);
            }
        } catch (CatalogException e) {
            UnavailableStop.ifUnavailable(e, root.toString());
            report.fileFailed(ImportProblem.error(SourceFiles.relative(root, root), "", "--atomic: nothing imported ("
                    + e.getMessage() + ")"));
        }
        return report.build();
    }

    /** The unit after the text limits, its problems recorded; empty when the file (or the unit) is refused. */
    private Optional<CatalogUnit> checked(FileOutcome outcome, ImportReport.Builder report, boolean wholeFile) {
        report.rowsRead(outcome.rowsRead());
        outcome.problems().forEach(report::problem);
        outcome.skipped().forEach(s -> report.rowSkipped(s.reason(), s.problem()));
        Optional<ImportProblem> refusal = outcome.failure();
        CatalogUnit unit = null;
        if (refusal.isEmpty()) {
            TextLimits.Checked limited = limits.check(outcome.unit().orElseThrow(), outcome.unit().orElseThrow().source());
            limited.leftOut().forEach(p -> report.rowSkipped(TextLimits.REASON, p));
            refusal = limited.refusal();
            unit = limited.unit();
        }
        if (refusal.isPresent()) {
            if (wholeFile) {
                report.fileFailed(refusal.get());
            } else {
                report.unitFailed(refusal.get());
            }
            return Optional.empty();
        }
        return Optional.of(unit);
    }

    /** Every unit as one, in the order a writer needs (code lists, then tables, then joins); datasets once each. */
    private static CatalogUnit merged(Path root, List<CatalogUnit> units) {
        java.util.Map<String, org.healthgraph.catalog.Dataset> datasets = new java.util.LinkedHashMap<>();
        units.forEach(u -> u.datasets().forEach(d -> datasets.putIfAbsent(d.name(), d)));
        return CatalogUnit.of(root.getFileName() == null ? root.toString() : root.getFileName().toString())
                .withDatasets(List.copyOf(datasets.values()))
                .withNomenclatures(units.stream().flatMap(u -> u.nomenclatures().stream()).toList())
                .withCodes(units.stream().flatMap(u -> u.codes().stream()).toList())
                .withTables(units.stream().flatMap(u -> u.tables().stream()).toList())
                .withVariables(units.stream().flatMap(u -> u.variables().stream()).toList())
                .withJoins(units.stream().flatMap(u -> u.joins().stream()).toList());
    }

    private static Path treeRoot(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("schemas")) && !Files.isDirectory(root.resolve("nomenclatures"))) {
            throw new InvalidCatalogInputException(dir + " is not a Table Schema tree: it holds neither schemas/ nor"
                    + " nomenclatures/ (expected schemas/<product>/<TABLE>.json and nomenclatures/<source>/<NAME>.json)");
        }
        return root;
    }

    private void importCodeLists(Path root, List<Path> files, ImportProgress progress, ImportReport.Builder report) {
        NomenclatureReader reader = new NomenclatureReader(json, root);
        progress.start("Code lists", files.size());
        // Reading (CSV parsing) runs one file ahead of writing, on a second thread.
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "code-list-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<FileOutcome>> queue = new ArrayDeque<>();
            int next = 0;
            for (Path file : files) {
                while (queue.size() < READ_AHEAD && next < files.size()) {
                    Path toRead = files.get(next++);
                    queue.add(ahead.submit(() -> reader.read(toRead)));
                }
                report.fileRead();
                commit(await(queue.poll(), file), report, true);
                progress.step(SourceFiles.relative(root, file));
            }
        } finally {
            ahead.shutdownNow();
        }
        progress.done();
    }

    private static FileOutcome await(Future<FileOutcome> future, Path file) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("Import interrupted while reading " + file, e);
        } catch (ExecutionException e) {
            throw new CatalogException("Reading " + file + " failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private List<TableReader.Read> importTables(Path root, List<Path> files, ImportProgress progress,
                                                ImportReport.Builder report) {
        Set<String> codeLists = new HashSet<>();
        catalog.nomenclatures().forEach(n -> codeLists.add(n.name().value()));
        TableReader reader = new TableReader(json, root);
        List<TableReader.Read> read = new ArrayList<>();
        progress.start("Tables", files.size());
        for (Path file : files) {
            report.fileRead();
            TableReader.Read r = reader.read(file, codeLists);
            if (commit(r.table(), report, true)) {
                read.add(r);
            }
            progress.step(SourceFiles.relative(root, file));
        }
        progress.done();
        return read;
    }

    private void importJoins(Path root, List<TableReader.Read> tables, ImportProgress progress,
                             ImportReport.Builder report) {
        Set<String> known = new HashSet<>();
        catalog.tables().stream().map(Table::name).forEach(t -> known.add(t.value()));
        List<TableReader.Read> withKeys = tables.stream().filter(t -> t.foreignKeys().isPresent()).toList();
        progress.start("Joins", withKeys.size());
        for (TableReader.Read t : withKeys) {
            String source = t.table().unit().map(CatalogUnit::source).orElseThrow();
            commit(TableReader.joins(source, t.name(), t.foreignKeys().orElseThrow(), known), report, false);
            progress.step(source);
        }
        progress.done();
    }

    /**
     * Writes a unit in its transaction and records the outcome; true when it was committed.
     * {@code wholeFile}: the unit is a file's (counted as a file), not the second unit of a file.
     */
    private boolean commit(FileOutcome outcome, ImportReport.Builder report, boolean wholeFile) {
        report.rowsRead(outcome.rowsRead());
        outcome.problems().forEach(report::problem);
        outcome.skipped().forEach(s -> report.rowSkipped(s.reason(), s.problem()));
        if (outcome.failure().isPresent()) {
            if (wholeFile) {
                report.fileFailed(outcome.failure().get());
            } else {
                report.unitFailed(outcome.failure().get());
            }
            return false;
        }
        TextLimits.Checked checked = limits.check(outcome.unit().orElseThrow(), outcome.unit().orElseThrow().source());
        checked.leftOut().forEach(p -> report.rowSkipped(TextLimits.REASON, p));
        if (checked.refusal().isPresent()) {
            if (wholeFile) {
                report.fileFailed(checked.refusal().get());
            } else {
                report.unitFailed(checked.refusal().get());
            }
            return false;
        }
        CatalogUnit unit = checked.unit();
        try {
            CatalogChange change = writer.write(unit);
            if (wholeFile) {
                report.fileImported(change);
            } else {
                report.unitWritten(change);
            }
            return true;
        } catch (CatalogException e) {
            UnavailableStop.ifUnavailable(e, unit.source());
            ImportProblem why = ImportProblem.error(unit.source(), "", e.getMessage());
            if (wholeFile) {
                report.fileFailed(why);
            } else {
                report.unitFailed(why);
            }
            return false;
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return InputTree.files(dir, p -> p.getFileName().toString().endsWith(".json"));
    }
}
