package org.healthgraph.graphql.journey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.DisclosurePolicy;
import org.healthgraph.graphql.errors.ClientError;
import org.healthgraph.graphql.paging.Connection;
import org.healthgraph.graphql.paging.PageRequest;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.Pathways;
import org.healthgraph.journeys.ProjectCode;
import org.healthgraph.journeys.SuppressedCount;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves {@code Query.cohort} and {@code Query.journeyPatient}. */
@Controller
public final class JourneyController {

    private static final int MAX_PATHWAY_ITEMS = 5_000;
    /** Most projects {@code Query.projects} lists (its schema says so). */
    private static final int MAX_PROJECTS = 1_000;

    /** A released count. */
    public record Count(Long value, boolean suppressed, boolean perturbed) {
        static Count of(SuppressedCount c) {
            return new Count(c.value().isPresent() ? c.value().getAsLong() : null, c.suppressed(), c.perturbed());
        }
    }

    /** An attrition row. */
    public record Step(int step, String label, Count patients) {
    }

    /** A pathway node. */
    public record Node(String id, int step, String label, Count patients) {
    }

    /** A pathway link. */
    public record Link(String source, String target, Count patients) {
    }

    /** Pathways as served. */
    public record PathwaysView(List<Node> nodes, List<Link> links) {
    }

    /** The cohort as served; {@code patients} is resolved on demand. */
    public record CohortView(CohortQuery query, Count count, List<Step> attrition, PathwaysView pathways) {
    }

    /** A patient as served. */
    public record PatientView(String id) {
    }

    /** A code as served. */
    public record CodeView(String system, String code, String role, String key) {
    }

    /** An event as served. */
    public record EventView(String type, String start, String end, String source, int quantity, List<CodeView> codes) {
    }

    /**
     * The query side of journeys. While its timeline index is being opened, every field that needs
     * it fails at once as unavailable (the transport answers 503 with Retry-After), never waits.
     */
    private final CohortService journeys;
    private final AuditTrail audit;
    private final DisclosurePolicy disclosure;

    public JourneyController(CohortService journeys, AuditTrail audit, DisclosurePolicy disclosure) {
        this.journeys = journeys;
        this.audit = audit;
        this.disclosure = disclosure;
    }

    /**
     * Evaluated on the cohort engine's own workers, never on the request thread; stopped at the
     * request's time limit or when the request ends (see {@link CohortRequests}).
     */
    @QueryMapping
    public CompletableFuture<CohortView> cohort(@Argument("query") Map<String, Object> query,
                                                @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller,
                                                @ContextValue(name = CohortRequest.CONTEXT_KEY, required = false) CohortRequest request) {
        Caller who = Caller.orUnknown(caller);
        CohortQuery q = parse(query);
        checkThreshold(q, who);
        return orLocal(request).evaluate("cohort", call -> journeys.release(q, disclosure.disclosureFor(who, q.projectCode()), call))
                .thenApply(released -> {
                    audit.record(AuditEvent.allowed(who.actor(), AuditAction.COHORT_RUN, "Query.cohort", released.patients(),
                            CohortQueries.toJson(q)));
                    CohortResult r = released.result();
                    List<Step> steps = r.attrition().stream()
                            .map(s -> new Step(s.step(), s.label(), Count.of(s.patients()))).toList();
                    return new CohortView(q, Count.of(r.count()), steps, r.pathways().map(JourneyController::view).orElse(null));
                });
    }

    /**
     * Callers without patient-level access may not lower the threshold under the floor (refused and
     * audited); those with it may, and that is audited too.
     */
    private void checkThreshold(CohortQuery q, Caller who) {
        if (q.suppressBelow() >= disclosure.floor()) {
            return;
        }
        if (!who.patientData(q.projectCode())) {
            audit.record(AuditEvent.refused(who.actor(), AuditAction.ACCESS_DENIED, "Query.cohort",
                    "suppressBelow " + q.suppressBelow() + " under the floor " + disclosure.floor() + scope(q)));
            throw ClientError.forbidden("query.suppressBelow: " + q.suppressBelow() + " is under the floor of "
                    + disclosure.floor() + " (" + DisclosurePolicy.FLOOR_SETTING + ") for callers without patient-level"
                    + " access to " + population(q) + "; leave it out or ask for at least " + disclosure.floor());
        }
        audit.record(new AuditEvent(who.actor(), AuditAction.THRESHOLD_LOWERED, "Query.cohort",
                java.util.OptionalLong.empty(), AuditEvent.Outcome.ALLOWED,
                "suppressBelow " + q.suppressBelow() + " under the floor " + disclosure.floor()));
    }

    /** Patient-level: the schema's {@code @policy(role: ANALYST)} lets only holders of that role reach it. */
    @SchemaMapping(typeName = "Cohort", field = "patients")
    public CompletableFuture<Connection<String>> patients(CohortView cohort, @Argument Integer first, @Argument String after,
                                       @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller,
                                       @ContextValue(name = CohortRequest.CONTEXT_KEY, required = false) CohortRequest request) {
        Caller who = Caller.orUnknown(caller);
        CohortQuery q = cohort.query();
        if (!who.patientData(q.projectCode())) {
            audit.record(AuditEvent.refused(who.actor(), AuditAction.ACCESS_DENIED, "Cohort.patients",
                    "patient ids of " + population(q) + " not granted" + scope(q)));
            throw ClientError.forbidden("Cohort.patients: the patient ids of " + population(q) + " need a grant of "
                    + q.projectCode().map(p -> "the project '" + p + "'").orElse("every project ('*')")
                    + " (yours: " + granted(who) + "); restrict the query to a project granted to you (query.project),"
                    + " or ask an administrator for a grant (healthgraph.security.grants)");
        }
        PageRequest page = PageRequest.of(first, after);
        return orLocal(request).evaluate("Cohort.patients",
                        call -> journeys.patients(cohort.query(), page.offset(), page.limit(), call))
                .thenApply(p -> {
                    audit.record(AuditEvent.allowed(who.actor(), AuditAction.PATIENT_READ, "Cohort.patients", p.ids().size(),
                            "page of cohort patient ids from offset " + page.offset() + scope(q)));
                    return Connection.fromSlice(p.ids().stream().map(PatientId::value).toList(), page, p.total());
                });
    }

    private static String population(CohortQuery q) {
        return q.projectCode().map(p -> "the project '" + p + "'").orElse("every patient");
    }

    /** The query's project as the audit trail records it (a project code is not patient-level data). */
    private static String scope(CohortQuery q) {
        return q.projectCode().map(p -> " (project " + p + ")").orElse("");
    }

    private static String granted(Caller who) {
        return who.grants().shown().isEmpty() ? "none" : String.join(", ", who.grants().shown());
    }

    private static CohortRequest orLocal(CohortRequest request) {
        return request == null ? CohortRequest.local() : request;
    }

    /** A project as served. */
    public record ProjectView(String code, Count patients, boolean granted) {
    }

    /** The projects, their sizes exact for those granted and suppressed below the floor for others. */
    @QueryMapping
    public List<ProjectView> projects(@ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        Caller who = Caller.orUnknown(caller);
        List<ProjectView> out = new ArrayList<>();
        journeys.projects().entrySet().stream().limit(MAX_PROJECTS).forEach(e -> {
            ProjectCode code = e.getKey();
            long n = e.getValue();
            boolean granted = who.patientData(Optional.of(code));
            out.add(new ProjectView(code.value(), Count.of(granted ? SuppressedCount.of(n, 1)
                    : SuppressedCount.of(n, disclosure.floor())), granted));
        });
        return out;
    }

    /** Patient-level: the schema's {@code @policy(role: ANALYST)} lets only holders of that role reach it. */
    @QueryMapping
    public Optional<PatientView> journeyPatient(@Argument String id,
                                                @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        Caller who = Caller.orUnknown(caller);
        PatientId patient;
        try {
            patient = new PatientId(id);
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("id: " + e.getMessage());
        }
        // A patient outside the caller's projects is answered like an unknown one (null), so that
        // the answer does not tell whether the id exists; the trail says which it was.
        Set<ProjectCode> projects = who.grants().every() ? Set.of() : journeys.projectsOf(patient);
        if (!who.grants().coversAnyOf(projects)) {
            audit.record(AuditEvent.refused(who.actor(), AuditAction.ACCESS_DENIED, "Query.journeyPatient",
                    projects.isEmpty() ? "no such patient in a project granted (grants: " + granted(who) + ")"
                            : "a patient of projects not granted (grants: " + granted(who) + ")"));
            return Optional.empty();
        }
        Optional<PatientView> found = journeys.freshEvents(patient).map(e -> new PatientView(id));
        // The id itself is not recorded: the trail never holds patient ids.
        audit.record(AuditEvent.allowed(who.actor(), AuditAction.PATIENT_READ, "Query.journeyPatient",
                found.isPresent() ? 1 : 0, found.isPresent() ? "one journey" : "no such patient"));
        return found;
    }

    @SchemaMapping(typeName = "JourneyPatient", field = "events")
    public Connection<EventView> events(PatientView patient, @Argument List<String> types, @Argument Integer first,
                                        @Argument String after) {
        List<CareEvent> all = journeys.events(new PatientId(patient.id())).orElse(List.of());
        if (types != null && !types.isEmpty()) {
            all = all.stream().filter(e -> types.contains(e.type().name())).toList();
        }
        return Connection.of(all, PageRequest.of(first, after)).map(JourneyController::view);
    }

    /**
     * The cohort query of a {@code CohortQuery} input, read by the one reader of the format
     * ({@link CohortQueries}); a bad one is a bad request naming the problem.
     */
    static CohortQuery parse(Map<String, Object> query) {
        try {
            return CohortQueries.fromMap(query);
        } catch (JourneyException | IllegalArgumentException e) {
            throw ClientError.badRequest("query: " + e.getMessage());
        }
    }

    private static PathwaysView view(Pathways p) {
        List<Node> nodes = new ArrayList<>(p.nodes().stream()
                .map(n -> new Node(n.id(), n.step(), n.label(), Count.of(n.patients()))).toList());
        List<Link> links = new ArrayList<>(p.links().stream()
                .map(l -> new Link(l.source(), l.target(), Count.of(l.patients()))).toList());
        Comparator<Count> bigFirst = Comparator.comparing((Count c) -> c.value() == null ? 0L : c.value()).reversed();
        if (nodes.size() > MAX_PATHWAY_ITEMS) {
            nodes.sort(Comparator.comparing(Node::patients, bigFirst));
            nodes = nodes.subList(0, MAX_PATHWAY_ITEMS);
        }
        if (links.size() > MAX_PATHWAY_ITEMS) {
            links.sort(Comparator.comparing(Link::patients, bigFirst));
            links = links.subList(0, MAX_PATHWAY_ITEMS);
        }
        return new PathwaysView(nodes, links);
    }

    private static EventView view(CareEvent e) {
        return new EventView(e.type().name(), e.start().toString(), e.end().toString(), e.source(), e.quantity(),
                e.codes().stream().map(c -> new CodeView(c.system().name(), c.code(), c.role().name(), c.key())).toList());
    }

}
