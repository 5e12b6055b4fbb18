package org.healthgraph.importers.documentation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.documentation.CatalogLookup;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.DocumentationChange;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionResolver;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Reference;
import org.healthgraph.importers.ImportException;
import org.healthgraph.importers.InputTree;
import org.healthgraph.importers.TextLimits;
import org.healthgraph.importers.UnavailableStop;

/**
 * Imports a folder of Markdown documentation laid out as Documentation-SNDS ({@code fiches/},
 * {@code glossaire/}, {@code tables/} ...): every {@code .md} file becomes a page with its sections,
 * what they name in the catalog and their links; a page of {@code glossaire/} also a term. Pages are
 * written in batches of {@link #PAGES_PER_WRITE}, each one transaction; a batch that fails is written
 * again page by page: a page that fails leaves nothing behind and the others are imported. Importing the
 * same folder again changes nothing (a page is skipped when what it was made from is unchanged:
 * its bytes and the catalog names it resolved to); a page whose file is gone is removed. Every
 * problem (a front matter that is not closed, bytes that are not UTF-8, a link to nothing, a name
 * the catalog does not hold) is reported with its file and line, and the page is kept as far as it
 * can be read.
 *
 * <pre>{@code
 * ImportReport r = new DocumentationImporter(CatalogLookup.of(catalog), store).importFolder(dir, ImportProgress.NONE);
 * }</pre>
 */
public final class DocumentationImporter {

    /**
     * Pages written in one transaction: a few hundred pages cost a few commits instead of one each,
     * and a batch stays small enough that one failing page costs little to write again page by page.
     */
    static final int PAGES_PER_WRITE = 50;

    /** Largest file read; a larger one is reported and skipped. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final CatalogLookup lookup;
    private final DocumentationWriter writer;
    private final TextLimits limits;

    public DocumentationImporter(CatalogLookup lookup, DocumentationWriter writer) {
        this(lookup, writer, TextLimits.DEFAULT);
    }

    /** @param limits the longest texts taken; a page with a longer title is not imported, and reported */
    public DocumentationImporter(CatalogLookup lookup, DocumentationWriter writer, TextLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Imports the Markdown files under {@code dir}.
     *
     * @throws ImportException when {@code dir} is not a folder or cannot be listed
     */
    public ImportReport importFolder(Path dir, ImportProgress progress) {
        return importFolder(dir, progress, false);
    }

    /**
     * Imports the Markdown files under {@code dir} all or nothing ({@code --atomic}): every page is
     * read and resolved first; when one failed (unreadable, too large, a title over the limit),
     * nothing is written and the report says so; otherwise the changed pages are written and the
     * pages whose files are gone removed in one transaction. Warnings (names or links that resolve
     * to nothing, bytes that are not UTF-8) do not refuse a page, as without {@code --atomic}.
     *
     * @throws ImportException when {@code dir} is not a folder or cannot be listed
     */
    public ImportReport importFolderAtomically(Path dir, ImportProgress progress) {
        return importFolder(dir, progress, true);
    }

    private ImportReport importFolder(Path dir, ImportProgress progress, boolean atomic) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ImportException(dir + " is not a folder: give the root of a documentation folder (holding .md pages)");
        }
        writer.ensureSchema();
        ImportReport.Builder report = new ImportReport.Builder();
        List<Path> files = list(root);
        List<ReadPage> read = readAll(root, files, progress, report);
        Map<String, DocumentKey> permalinks = new HashMap<>();
        Set<DocumentKey> keys = new HashSet<>();
        for (ReadPage p : read) {
            DocumentKey key = p.documents().get(0).key();
            keys.add(key);
            p.permalink().ifPresent(link -> permalinks.put(link.replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT), key));
        }
        if (atomic) {
            writeAtomically(read, keys, permalinks, progress, report);
            return report.build();
        }
        writeAll(read, keys, permalinks, progress, report);
        removeGone(read, report);
        return report.build();
    }

    private void writeAtomically(List<ReadPage> read, Set<DocumentKey> keys, Map<String, DocumentKey> permalinks,
            ImportProgress progress, ImportReport.Builder report) {
        MentionResolver resolver = new MentionResolver(lookup);
        Map<String, String> recorded = writer.fingerprints();
        List<DocumentationPage> changed = new ArrayList<>();
        List<DocumentationPage> unchanged = new ArrayList<>();
        progress.start("Resolving pages", read.size());
        for (ReadPage p : read) {
            resolved(p, keys, permalinks, resolver, report).ifPresent(page ->
                    (page.fingerprint().equals(recorded.get(p.sourcePath())) ? unchanged : changed).add(page));
            progress.step(p.sourcePath());
        }
        progress.done();
        String folder = ".";
        if (report.build().filesFailed() > 0) {
            report.problem(ImportProblem.error(folder, "", "--atomic: nothing imported, because a page failed"));
            return;
        }
        Set<String> gone = new LinkedHashSet<>(recorded.keySet());
        read.forEach(p -> gone.remove(p.sourcePath()));
        try {
            List<DocumentationChange> changes = writer.replaceAll(changed, gone);
            unchanged.forEach(page -> reportWritten(page, DocumentationChange.unchanged(), recorded, report));
            for (int i = 0; i < changed.size(); i++) {
                reportWritten(changed.get(i), changes.get(i), recorded, report);
            }
            DocumentationChange removed = changes.getLast();
            if (!removed.pagesDeleted().isEmpty()) {
                report.unitWritten(new CatalogChange("removed pages", Map.of(), 0, removed.pagesDeleted().size(), 0,
                        List.of(), false));
            }
        } catch (CatalogException e) {
            UnavailableStop.ifUnavailable(e, folder);
            report.fileFailed(ImportProblem.error(folder, "", "--atomic: nothing imported (" + e.getMessage() + ")"));
        }
    }

    /**
     * A read page with its references resolved, its problems reported; empty (the file reported as
     * failed) when it breaks a limit.
     */
    private Optional<DocumentationPage> resolved(ReadPage p, Set<DocumentKey> keys, Map<String, DocumentKey> permalinks,
            MentionResolver resolver, ImportReport.Builder report) {
        p.problems().forEach(report::problem);
        List<Reference> refs = p.references().stream().map(r -> pageLinkToKey(r, keys, permalinks)).toList();
        MentionResolver.Resolution res = resolver.resolve(p.sourcePath(), refs, p.pageTable(), k -> keys.contains(k));
        res.problems().forEach(report::problem);
        report.rowsRead(p.references().size());
        Optional<ImportProblem> tooLong = overLimit(p);
        if (tooLong.isPresent()) {
            report.fileFailed(tooLong.get());
            return Optional.empty();
        }
        return Optional.of(new DocumentationPage(p.sourcePath(), fingerprint(p, res), p.documents(), p.term(),
                res.mentions(), res.links()));
    }

    private static List<ReadPage> readAll(Path root, List<Path> files, ImportProgress progress,
            ImportReport.Builder report) {
        PageReader reader = new PageReader();
        List<ReadPage> read = new ArrayList<>();
        progress.start("Reading pages", files.size());
        for (Path file : files) {
            String source = root.relativize(file).toString().replace('\\', '/');
            report.fileRead();
            readOne(reader, file, source, report).ifPresent(read::add);
            progress.step(source);
        }
        progress.done();
        return read;
    }

    private static Optional<ReadPage> readOne(PageReader reader, Path file, String source, ImportReport.Builder report) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                report.fileFailed(ImportProblem.error(source, "", "file of " + size + " bytes is larger than "
                        + MAX_FILE_BYTES + " bytes; not imported"));
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            Utf8Text text = Utf8Text.decode(bytes);
            List<ImportProblem> decoding = new ArrayList<>();
            for (int line : text.badLines()) {
                decoding.add(ImportProblem.warning(source, "line " + line,
                        "bytes that are not UTF-8, read as the replacement character"));
            }
            return Optional.of(reader.read(source, digest(bytes), text.text(), decoding));
        } catch (IOException e) {
            report.fileFailed(ImportProblem.error(source, "", "cannot be read: " + e.getClass().getSimpleName()));
            return Optional.empty();
        } catch (RuntimeException e) {
            // A page the reader cannot take (a bug or an input beyond its rules): the others go on.
            report.fileFailed(ImportProblem.error(source, "", "cannot be read as Markdown: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private void writeAll(List<ReadPage> read, Set<DocumentKey> keys, Map<String, DocumentKey> permalinks,
            ImportProgress progress, ImportReport.Builder report) {
        MentionResolver resolver = new MentionResolver(lookup);
        Map<String, String> recorded = writer.fingerprints();
        List<DocumentationPage> batch = new ArrayList<>(PAGES_PER_WRITE);
        progress.start("Writing pages", read.size());
        for (ReadPage p : read) {
            Optional<DocumentationPage> resolved = resolved(p, keys, permalinks, resolver, report);
            if (resolved.isEmpty()) {
                progress.step(p.sourcePath());
                continue;
            }
            DocumentationPage page = resolved.get();
            if (page.fingerprint().equals(recorded.get(p.sourcePath()))) {
                // Made from the same bytes and resolved to the same names: nothing to write, no transaction.
                reportWritten(page, DocumentationChange.unchanged(), recorded, report);
            } else {
                batch.add(page);
                if (batch.size() >= PAGES_PER_WRITE) {
                    writeBatch(batch, recorded, report);
                }
            }
            progress.step(p.sourcePath());
        }
        writeBatch(batch, recorded, report);
        progress.done();
    }

    /**
     * Writes the pages waiting in one transaction; when that fails, page by page, so that only a
     * failing page is lost (and reported) and the others are imported.
     */
    private void writeBatch(List<DocumentationPage> batch, Map<String, String> recorded, ImportReport.Builder report) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<DocumentationChange> changes = writer.writeAll(List.copyOf(batch));
            for (int i = 0; i < batch.size(); i++) {
                reportWritten(batch.get(i), changes.get(i), recorded, report);
            }
        } catch (CatalogException batchFailed) {
            UnavailableStop.ifUnavailable(batchFailed, batch.getFirst().sourcePath());
            for (DocumentationPage page : batch) {
                try {
                    reportWritten(page, writer.write(page), recorded, report);
                } catch (CatalogException e) {
                    UnavailableStop.ifUnavailable(e, page.sourcePath());
                    report.fileFailed(ImportProblem.error(page.sourcePath(), "", e.getMessage()));
                }
            }
        }
        batch.clear();
    }

    private static void reportWritten(DocumentationPage page, DocumentationChange change, Map<String, String> recorded,
            ImportReport.Builder report) {
        boolean existed = recorded.containsKey(page.sourcePath());
        report.fileImported(new CatalogChange(page.sourcePath(), Map.of(), existed || change.skipped() ? 0 : 1,
                existed && !change.skipped() ? 1 : 0, change.skipped() ? 1 : 0, List.of(), change.skipped()));
    }

    /**
     * The first title of a page over the label limit, reported by its line (never its content). A
     * page's text is already bounded by the reader ({@link Document#MAX_TEXT}: cut there, with a
     * warning, the page kept), so the text limit is not applied again here.
     */
    private Optional<ImportProblem> overLimit(ReadPage p) {
        for (Document d : p.documents()) {
            if (d.title().length() > limits.maxLabelLength()) {
                return Optional.of(ImportProblem.error(p.sourcePath(), "line " + d.line() + ", title", "title is "
                        + d.title().length() + " characters, more than the " + limits.maxLabelLength()
                        + " allowed (healthgraph.imports.max-label-length); page not imported"));
            }
        }
        return Optional.empty();
    }

    /** Removes the pages whose files are no longer in the folder. */
    private void removeGone(List<ReadPage> read, ImportReport.Builder report) {
        Set<String> present = new HashSet<>();
        read.forEach(p -> present.add(p.sourcePath()));
        Set<String> gone = new LinkedHashSet<>(writer.fingerprints().keySet());
        gone.removeAll(present);
        if (!gone.isEmpty()) {
            DocumentationChange change = writer.deletePages(gone);
            report.unitWritten(new CatalogChange("removed pages", Map.of(), 0, change.pagesDeleted().size(), 0, List.of(),
                    false));
        }
    }

    /** A link's page path as a page key: a key of the folder, a permalink's page, or the path as written. */
    private static Reference pageLinkToKey(Reference r, Set<DocumentKey> keys, Map<String, DocumentKey> permalinks) {
        if (r.kind() != Reference.Kind.PAGE_LINK) {
            return r;
        }
        String path = r.text();
        int hash = path.indexOf('#');
        String page = hash >= 0 ? path.substring(0, hash) : path;
        String anchor = hash >= 0 ? path.substring(hash) : "";
        String resolved = page.startsWith("/") ? page.substring(1) : page;
        DocumentKey byPermalink = permalinks.get((page.startsWith("/") ? page : "/" + page).toLowerCase(java.util.Locale.ROOT));
        if (byPermalink != null && !safeContains(keys, resolved)) {
            resolved = byPermalink.value();
        }
        return new Reference(r.kind(), resolved + anchor, r.value(), r.section(), r.line(), r.block(), r.context());
    }

    private static boolean safeContains(Set<DocumentKey> keys, String key) {
        try {
            return keys.contains(DocumentKey.of(key));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The file's digest and what its references resolved to: a page is written again when either changed. */
    private static String fingerprint(ReadPage p, MentionResolver.Resolution res) {
        MessageDigest d = sha256();
        d.update(p.digest().getBytes(StandardCharsets.UTF_8));
        for (Mention m : res.mentions()) {
            d.update((m.from().value() + "\u0000" + m.target() + "\u0000" + m.line() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (PageLink l : res.links()) {
            d.update((l.from().value() + "\u0000" + l.to().value() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static String digest(byte[] bytes) {
        MessageDigest d = sha256();
        d.update(bytes);
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static List<Path> list(Path root) {
        return InputTree.files(root, p -> p.getFileName().toString().endsWith(".md")
                && !root.relativize(p).toString().startsWith("."));
    }
}
