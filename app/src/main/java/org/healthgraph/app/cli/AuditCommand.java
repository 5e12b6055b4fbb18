package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.healthgraph.app.config.AuditConfiguration;
import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.app.config.SettingsReader;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.audit.AuditLog;
import org.healthgraph.graph.audit.AuditRecord;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code healthgraph audit [--verify] [--since WHEN]}: lists the audit trail of a data folder and checks its chain. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"List the audit trail of a data folder (patient-level reads, cohort runs, refused accesses,"
                + " lowered thresholds, settings at start): who, when, what, how many patients; never patient ids.",
                "With --verify, check every record's keyed hash and the chain, and exit 1 naming each record changed,"
                        + " removed, inserted, reordered or cut from the end. Reads only: it can run beside a server."})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Option(names = "--verify", description = "Check the chain of keyed hashes; exit 1 when it is broken.")
    boolean verify;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only records from this date (2026-12-01, UTC) or instant (2026-12-01T08:00:00Z) on.")
    String since;

    @Override
    public Integer call() {
        Optional<Instant> from = since == null ? Optional.empty() : Optional.of(parseSince(since));
        HealthgraphProperties settings = SettingsReader.read(GraphOptions.asArguments(graph.properties()));
        AuditLog trail = AuditLog.openExisting(AuditConfiguration.auditFolder(settings.dataDir()));
        PrintWriter out = spec.commandLine().getOut();
        if (verify) {
            AuditLog.Verification v = trail.verify();
            if (v.intact()) {
                out.printf("audit trail intact: %d records, every hash and link of the chain checked%n", v.records());
                out.flush();
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("audit trail BROKEN: %d records, %d problems:%n", v.records(), v.problems().size());
            v.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return 1;
        }
        List<AuditRecord> records = trail.read(from);
        out.println("seq\tat\tactor\taction\ttarget\tpatients\toutcome\tdetail");
        for (AuditRecord r : records) {
            out.printf("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n", r.sequence(), r.at(), r.event().actor(), r.event().action(),
                    r.event().target(), r.event().patients().isPresent() ? Long.toString(r.event().patients().getAsLong()) : "",
                    r.event().outcome(), r.event().detail().replace('\t', ' ').replace('\n', ' '));
        }
        out.flush();
        return 0;
    }

    private static Instant parseSince(String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(ErrorKind.INVALID_INPUT, "--since: '" + value + "' is neither a date (2026-12-01) nor an"
                    + " instant (2026-12-01T08:00:00Z)", e);
        }
    }
}
