package org.healthgraph.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.app.config.HealthgraphProperties.AnonymousAccess;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.ProjectGrants;
import org.healthgraph.graphql.access.Role;
import org.healthgraph.journeys.ProjectCode;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Which projects' patient-level data a caller reads: from the settings, from the token's claim, or every one. */
class ProjectGrantsTest {

    private static final ProjectCode AVC = new ProjectCode("etude-avc");
    private static final ProjectCode DIABETE = new ProjectCode("etude-diabete");

    @Test
    void theSettingsGrantProjectsToAUserInAdditionToThoseOfTheirToken() {
        Identities identities = new Identities(AnonymousAccess.NONE,
                List.of("alice:etude-avc", "bob:*", "", "alice:etude-diabete+etude-avc"));

        Caller alice = identities.user("alice", EnumSet.of(Role.ANALYST), ProjectGrants.none());
        Caller carol = identities.user("carol", EnumSet.of(Role.ANALYST), ProjectGrants.of(List.of("etude-avc"), "claim"));
        Caller bob = identities.user("bob", EnumSet.of(Role.ANALYST), ProjectGrants.none());

        assertThat(alice.grants().projects()).containsExactlyInAnyOrder(AVC, DIABETE);
        assertThat(alice.patientData(Optional.of(AVC))).isTrue();
        assertThat(alice.patientData(Optional.empty())).as("every patient needs every project").isFalse();
        assertThat(carol.patientData(Optional.of(AVC))).isTrue();
        assertThat(carol.patientData(Optional.of(DIABETE))).isFalse();
        assertThat(bob.patientData(Optional.empty())).isTrue();
        assertThat(bob.grants().shown()).containsExactly("*");
    }

    @Test
    void aGrantWithoutTheAnalystRoleGivesNoPatientLevelAccess() {
        Caller steward = new Identities(AnonymousAccess.NONE, List.of("dora:*")).user("dora", EnumSet.of(Role.STEWARD),
                ProjectGrants.none());

        assertThat(steward.patientData(Optional.of(AVC))).isFalse();
        assertThat(steward.patientData(Optional.empty())).isFalse();
    }

    @Test
    void aPatientIsGrantedThroughAnyOfItsProjects() {
        ProjectGrants grants = ProjectGrants.of(List.of("etude-avc"), "test");

        assertThat(grants.coversAnyOf(Set.of(DIABETE, AVC))).isTrue();
        assertThat(grants.coversAnyOf(Set.of(DIABETE))).isFalse();
        assertThat(grants.coversAnyOf(Set.of())).as("a patient of no project").isFalse();
        assertThat(ProjectGrants.everyProject().coversAnyOf(Set.of())).isTrue();
    }

    @Test
    void aBadEntryOfTheSettingIsRefusedNamingItsPlaceAndTheRule() {
        assertThatThrownBy(() -> new Identities(AnonymousAccess.NONE, List.of("alice:etude-avc", "bob")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("healthgraph.security.grants[1]")
                .hasMessageContaining("user:PROJECT[+PROJECT...] or user:*");
        assertThatThrownBy(() -> new Identities(AnonymousAccess.NONE, List.of("alice:etude avc")))
                .hasMessageContaining("healthgraph.security.grants[0]").hasMessageContaining("a project code must be");
        assertThatThrownBy(() -> new Identities(AnonymousAccess.NONE, List.of(":etude-avc")))
                .hasMessageContaining("without a user name");
    }

    @Test
    void theTokensClaimOfProjectsIsAListOfCodesAndAnotherShapeRefusesTheToken() {
        ProjectClaim claim = new ProjectClaim("projects");

        assertThat(claim.grants(Map.of("projects", List.of("etude-avc"))).projects()).containsExactly(AVC);
        assertThat(claim.grants(Map.of("projects", List.of("*"))).every()).isTrue();
        assertThat(claim.grants(Map.of())).isEqualTo(ProjectGrants.none());
        assertThatThrownBy(() -> claim.grants(Map.of("projects", "etude-avc"))).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("claim 'projects' (healthgraph.security.projects-claim) must be a list of project codes");
        assertThatThrownBy(() -> claim.grants(Map.of("projects", List.of("bad code")))).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("a project code must be");
    }
}
