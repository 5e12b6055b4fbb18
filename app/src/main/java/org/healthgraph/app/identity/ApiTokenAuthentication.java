package org.healthgraph.app.identity;

import java.util.List;

import org.healthgraph.graphql.access.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller that presented one of the API tokens listed in {@code healthgraph.security.patient-data-token-hashes}:
 * a machine client holding the role ANALYST, named by the first digits of its token's hash.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String actor;

    public ApiTokenAuthentication(String actor) {
        super(List.of(new SimpleGrantedAuthority(Identities.ROLE_PREFIX + Role.ANALYST.name())));
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor;
    }
}
