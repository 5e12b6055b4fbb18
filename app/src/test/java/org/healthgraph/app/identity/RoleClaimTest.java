package org.healthgraph.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.healthgraph.graphql.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class RoleClaimTest {

    @Test
    void readsKeycloaksNestedRealmRolesAndIgnoresOtherApplicationsRoles() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("offline_access", "researcher", "STEWARD")));

        assertThat(new RoleClaim("realm_access.roles").roles(claims)).isEqualTo(Set.of(Role.RESEARCHER, Role.STEWARD));
        assertThat(new RoleClaim("roles").roles(claims)).as("absent: no role").isEmpty();
    }

    @Test
    void aClaimOfTheWrongShapeRefusesTheTokenNamingTheClaim() {
        assertThatThrownBy(() -> new RoleClaim("roles").roles(Map.of("roles", "ADMIN")))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("claim 'roles'").hasMessageContaining("it is a string");
        assertThatThrownBy(() -> new RoleClaim("realm_access.roles").roles(Map.of("realm_access", List.of("ADMIN"))))
                .hasMessageContaining("an object on its path is a list");
        assertThatThrownBy(() -> new RoleClaim("roles").roles(Map.of("roles", List.of("ADMIN", 7))))
                .hasMessageContaining("it holds a number");
    }
}
