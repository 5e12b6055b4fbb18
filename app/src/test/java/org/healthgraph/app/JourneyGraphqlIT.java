package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.app.config.AuditConfiguration;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditLog;
import org.healthgraph.graph.audit.AuditRecord;
import org.healthgraph.graphql.access.AccessTokens;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.healthgraph.journeys.JourneyImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The MI -> statin cohort asked over real HTTP to the whole application, on a synthetic population. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyGraphqlIT {

    private static final String MI_STATIN = """
            { cohort(query: {
                index: {event: {types: [HOSPITAL_STAY], codes: [{system: "ICD10", prefix: "I21"}], roles: [PRINCIPAL]}},
                rules: [{label: "statin within 30 days", condition: {event: {types: [DRUG_DISPENSING],
                         codes: [{system: "ATC", prefix: "C10AA"}]}, anchorSide: END, maxDays: 30}},
                        {label: "alive at one year", condition: {event: {types: [DEATH]}, anchorSide: END, maxDays: 365, count: NONE}}],
                pathways: {categories: [{name: "statin", event: {codes: [{system: "ATC", prefix: "C10"}]}},
                                        {name: "death", event: {types: [DEATH]}}], depth: 3}})
              { count { value suppressed } attrition { step label patients { value suppressed } }
                pathways { nodes { id patients { value } } } patients(first: 2) { totalCount edges { node } } } }""";

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-journey-it-");
        dataDir = dir;
        registry.add("healthgraph.data-dir", dir::toString);
        registry.add(AccessTokens.SETTING, () -> "  ," + AccessTokens.hash("another-token") + "," + AccessTokens.hash(TOKEN));
    }

    private static final String TOKEN = AccessTokens.newToken();

    @Autowired
    Environment environment;

    @Autowired
    JourneyImporter journeys;

    @Autowired
    CohortService cohorts;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void loadAPopulation() throws Exception {
        Path extract = Files.createTempDirectory("healthgraph-journey-it-extract-");
        new SndsExtractGenerator(42).generate(3000, extract);
        journeys.importPatients(new SndsExtractImporter().read(extract).patients());
        journeys.importPatients(STUDY_PATIENTS.stream().map(id -> miPatient(id).inProjects(Set.of(STUDY))).toList());
        cohorts.awaitReady();
        assertThat(cohorts.patientCount()).as("every patient imported is in the timeline index").isEqualTo(3000 + STUDY_PATIENTS.size());
    }

    /** A study's patients, five myocardial infarctions, imported into the project granted to the student analyst. */
    private static final ProjectCode STUDY = new ProjectCode("etude-avc");
    private static final List<String> STUDY_PATIENTS = List.of("AVC-1", "AVC-2", "AVC-3", "AVC-4", "AVC-5");

    private static PatientJourney miPatient(String id) {
        return new PatientJourney(new PatientId(id), List.of(), Optional.of(LocalDate.of(1950, 1, 1)), 2, "33", Optional.empty(),
                List.of(new CareEvent(EventType.HOSPITAL_STAY, LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 6), "T_MCO22C", 0,
                        List.of(new EventCode(CodeSystem.ICD10, "I214", CodeRole.PRINCIPAL)))));
    }

    private Optional<String> as(String user) {
        return Optional.of("Bearer " + new org.healthgraph.app.testing.LocalHttp(environment).token(user));
    }

    private static String miCohort(String project, int suppressBelow) {
        return "{ cohort(query: {index: {event: {types: [HOSPITAL_STAY], codes: [{system: \"ICD10\", prefix: \"I21\"}]}},"
                + (project == null ? "" : " project: \"" + project + "\",") + " suppressBelow: " + suppressBelow + "})"
                + " { count { value suppressed perturbed } patients(first: 10) { totalCount edges { node } } } }";
    }

    @Test
    void anAnalystReadsThePatientsOfTheProjectsGrantedToThemAndNoOthers() throws Exception {
        String inStudy = graphql(miCohort("etude-avc", 11), as("etudiant"));
        String everyone = graphql(miCohort(null, 11), as("etudiant"));
        String studyPatient = graphql("{ journeyPatient(id: \"AVC-3\") { id } }", as("etudiant"));
        String otherPatient = graphql("{ journeyPatient(id: \"P000000001\") { id } }", as("etudiant"));

        assertThat(inStudy).doesNotContain("errors").contains("\"totalCount\":5")
                .contains("\"AVC-1\"").contains("\"AVC-5\"").doesNotContain("\"P0");
        assertThat(everyone).contains("FORBIDDEN").contains("need a grant of every project ('*') (yours: etude-avc)")
                .contains("\"perturbed\":true").doesNotContain("\"edges\"");
        assertThat(studyPatient).doesNotContain("errors").contains("\"id\":\"AVC-3\"");
        assertThat(otherPatient).doesNotContain("errors").contains("\"journeyPatient\":null");
        assertThat(graphql(miCohort(null, 11), as("analyste"))).as("a grant of every project").doesNotContain("errors")
                .contains("\"perturbed\":false").contains("\"edges\"");
        assertThat(trail()).anyMatch(r -> r.event().action() == AuditAction.ACCESS_DENIED && r.event().actor().equals("user:etudiant")
                        && r.event().target().equals("Query.journeyPatient") && r.event().detail().contains("grants: etude-avc"))
                .anyMatch(r -> r.event().action() == AuditAction.PATIENT_READ && r.event().actor().equals("user:etudiant")
                        && r.event().target().equals("Cohort.patients") && r.event().detail().contains("(project etude-avc)"));
    }

    @Test
    void onlyAnAnalystGrantedTheProjectMayLowerTheThresholdInsideIt() throws Exception {
        String student = graphql(miCohort("etude-avc", 1).replace(" patients(first: 10) { totalCount edges { node } }", ""),
                as("etudiant"));
        String researcher = graphql(miCohort("etude-avc", 1).replace(" patients(first: 10) { totalCount edges { node } }", ""),
                researcher());
        String studentEverywhere = graphql(miCohort(null, 1).replace(" patients(first: 10) { totalCount edges { node } }", ""),
                as("etudiant"));

        assertThat(student).doesNotContain("errors").contains("{\"value\":5,\"suppressed\":false,\"perturbed\":false}");
        assertThat(researcher).contains("FORBIDDEN").contains("under the floor of 11");
        assertThat(studentEverywhere).contains("FORBIDDEN").contains("patient-level access to every patient");
    }

    @Test
    void projectsAreListedWithTheirSizesExactOnlyForThoseGrantedThem() throws Exception {
        String student = graphql("{ projects { code patients { value suppressed } granted } }", as("etudiant"));
        String researcher = graphql("{ projects { code patients { value suppressed } granted } }", researcher());

        assertThat(student).doesNotContain("errors")
                .contains("{\"code\":\"etude-avc\",\"patients\":{\"value\":5,\"suppressed\":false},\"granted\":true}");
        assertThat(researcher).doesNotContain("errors")
                .contains("{\"code\":\"etude-avc\",\"patients\":{\"value\":null,\"suppressed\":true},\"granted\":false}");
    }

    private String graphql(String query) throws Exception {
        return graphql(query, Optional.of("Bearer " + TOKEN));
    }

    /** A researcher's bearer JWT (RESEARCHER: aggregates, suppressed and perturbed; no patient-level field). */
    private Optional<String> researcher() {
        return Optional.of("Bearer " + new org.healthgraph.app.testing.LocalHttp(environment).token("chercheur"));
    }

    private String graphql(String query, Optional<String> authorization) throws Exception {
        HttpResponse<String> response = send(query, authorization);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String query, Optional<String> authorization) throws Exception {
        String body = "{\"query\":" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(query) + "}";
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/graphql"))
                .header("Content-Type", "application/json");
        authorization.ifPresent(a -> builder.header("Authorization", a));
        var request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheMiThenStatinCohortWithAttritionPathwaysAndAPageOfIds() throws Exception {
        String body = graphql(MI_STATIN);
        assertThat(body).doesNotContain("errors").contains("\"label\":\"statin within 30 days\"")
                .contains("\"label\":\"alive at one year\"").contains("\"id\":\"1:statin\"").contains("\"totalCount\":");
    }

    @Test
    void reportsABadQueryAsABadRequestNamingTheProblem() throws Exception {
        String body = graphql(MI_STATIN.replace("\"ICD10\"", "\"ICD9\""));
        assertThat(body).contains("BAD_REQUEST").contains("unknown code system 'ICD9'");
        String window = graphql(MI_STATIN.replace("maxDays: 30", "minDays: 40, maxDays: 30"));
        assertThat(window).contains("BAD_REQUEST").contains("minDays 40 is greater than maxDays 30");
    }

    @Test
    void servesAPatientsEvents() throws Exception {
        String body = graphql("{ journeyPatient(id: \"P000000001\") { id events(first: 3) { totalCount edges { node { type start source } } } } }");
        assertThat(body).doesNotContain("errors").contains("\"id\":\"P000000001\"").contains("\"totalCount\":");
    }

    @Test
    void aResearcherGetsTheAggregatesButNoPatientLevelFieldAndAnonymousCallersNoCohort() throws Exception {
        String cohort = graphql(MI_STATIN, researcher());
        assertThat(cohort).contains("FORBIDDEN").contains("'Cohort.patients'")
                .contains("\"label\":\"statin within 30 days\"").doesNotContain("\"edges\"");
        String patient = graphql("{ journeyPatient(id: \"P000000001\") { id } }", researcher());
        assertThat(patient).contains("FORBIDDEN").contains("'Query.journeyPatient' needs the role ANALYST")
                .doesNotContain("P000000001\"}");
        for (Optional<String> anonymous : List.of(Optional.<String>empty(), Optional.of("Basic " + TOKEN))) {
            assertThat(graphql(MI_STATIN, anonymous)).as("%s", anonymous).contains("FORBIDDEN")
                    .contains("'Query.cohort' needs the role RESEARCHER").doesNotContain("statin within 30 days");
        }
        assertThat(trail()).anyMatch(r -> r.event().action() == AuditAction.ACCESS_DENIED
                && r.event().target().equals("Cohort.patients") && r.event().detail().equals("needs the role ANALYST"));
        assertThat(graphql(MI_STATIN, Optional.of("bearer " + TOKEN))).doesNotContain("errors").contains("\"edges\"");
    }

    @Test
    void anUnknownOrAlteredTokenIsRefusedWith401AndNothingIsAnswered() throws Exception {
        for (String token : List.of("wrong-token", TOKEN + "x")) {
            HttpResponse<String> response = send(MI_STATIN, Optional.of("Bearer " + token));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
            assertThat(response.body()).contains("neither a valid JWT nor a listed API token").doesNotContain(token)
                    .doesNotContain("statin");
        }
    }

    private static final String SMALL_THRESHOLD = """
            { cohort(query: {index: {event: {types: [HOSPITAL_STAY], codes: [{system: "ICD10", prefix: "I21"}]}},
                             suppressBelow: 2}) { count { value suppressed perturbed } } }""";

    private static final String MI_COUNT = """
            { cohort(query: {index: {event: {types: [HOSPITAL_STAY], codes: [{system: "ICD10", prefix: "I21"}]}}})
              { count { value suppressed perturbed } } }""";

    private List<AuditRecord> trail() {
        return AuditLog.openExisting(AuditConfiguration.auditFolder(dataDir)).read(Optional.empty());
    }

    @Test
    void aCallerWithoutPatientAccessCannotLowerTheThresholdUnderTheFloorAndTheAttemptIsAudited() throws Exception {
        String refused = graphql(SMALL_THRESHOLD, researcher());
        String allowed = graphql(SMALL_THRESHOLD);

        assertThat(refused).contains("FORBIDDEN").contains("query.suppressBelow: 2 is under the floor of 11")
                .contains("healthgraph.security.suppression-floor");
        assertThat(allowed).doesNotContain("errors").contains("\"perturbed\":false");
        assertThat(trail()).anyMatch(r -> r.event().action() == AuditAction.ACCESS_DENIED
                        && r.event().actor().equals("user:chercheur") && r.event().detail().contains("suppressBelow 2"))
                .anyMatch(r -> r.event().action() == AuditAction.THRESHOLD_LOWERED && r.event().actor().startsWith("token:"));
    }

    @Test
    void countsArePerturbedForCallersWithoutPatientAccessAndExactForOthers() throws Exception {
        String anonymous = graphql(MI_COUNT, researcher());
        String authorised = graphql(MI_COUNT);
        long exact = cohorts.rawAttrition(CohortQueries.parse(
                "{\"index\": {\"event\": {\"types\": [\"HOSPITAL_STAY\"], \"codes\": [{\"system\": \"ICD10\", \"prefix\": \"I21\"}]}}}"))[0];

        assertThat(exact).isGreaterThan(20);
        assertThat(authorised).contains("{\"value\":" + exact + ",\"suppressed\":false,\"perturbed\":false}");
        assertThat(anonymous).contains("\"perturbed\":true");
        long released = Long.parseLong(anonymous.replaceAll("(?s).*\"value\":(\\d+).*", "$1"));
        assertThat(released).isBetween(exact - 3, exact + 3);
        assertThat(graphql(MI_COUNT, researcher())).as("the same cohort is released the same every time").isEqualTo(anonymous);
    }

    @Test
    void patientReadsCohortRunsAndFailedLoginsAreAuditedWithoutPatientIds() throws Exception {
        assertThat(graphql("{ journeyPatient(id: \"P000000001\") { id } }")).contains("\"id\":\"P000000001\"");
        assertThat(graphql(MI_STATIN)).doesNotContain("errors");
        send(MI_COUNT, Optional.of("Bearer not-a-listed-token"));

        List<AuditRecord> trail = trail();
        assertThat(trail).anyMatch(r -> r.event().action() == AuditAction.PATIENT_READ
                && r.event().target().equals("Query.journeyPatient") && r.event().patients().getAsLong() == 1);
        assertThat(trail).anyMatch(r -> r.event().action() == AuditAction.PATIENT_READ
                && r.event().target().equals("Cohort.patients") && r.event().patients().getAsLong() == 2);
        assertThat(trail).anyMatch(r -> r.event().action() == AuditAction.COHORT_RUN && r.event().patients().isPresent()
                && r.event().detail().contains("C10AA"));
        assertThat(trail).anyMatch(r -> r.event().action() == AuditAction.LOGIN_FAILURE
                && r.event().actor().startsWith("token:" + AccessTokens.hash("not-a-listed-token").substring(0, 12)));
        assertThat(trail).anyMatch(r -> r.event().action() == AuditAction.SETTINGS
                && r.event().detail().contains("suppression-floor 11, disclosure CELL_KEY"));
        String file = Files.readString(AuditConfiguration.auditFolder(dataDir).resolve(AuditLog.FILE));
        assertThat(file).doesNotContain("P000000001").doesNotContain(TOKEN).doesNotContain("not-a-listed-token");
        assertThat(AuditLog.openExisting(AuditConfiguration.auditFolder(dataDir)).verify().intact()).isTrue();
    }
}
