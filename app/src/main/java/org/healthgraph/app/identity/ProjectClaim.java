package org.healthgraph.app.identity;

import java.util.Map;

import org.healthgraph.graphql.access.ProjectGrants;
import org.healthgraph.journeys.JourneyException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the projects granted to a token's user from a configurable claim
 * ({@code healthgraph.security.projects-claim}, a dotted path): a list of project codes, {@code *}
 * for every project. An absent claim grants none; a claim of another shape, or a code that breaks
 * the rules of project codes, refuses the token.
 */
public final class ProjectClaim {

    private static final String SETTING = "healthgraph.security.projects-claim";

    private final ListClaim claim;

    public ProjectClaim(String path) {
        this.claim = new ListClaim(path, SETTING, "project codes");
    }

    /**
     * @throws InvalidBearerTokenException when the claim is of another shape or holds a bad code
     */
    public ProjectGrants grants(Map<String, Object> claims) {
        try {
            return ProjectGrants.of(claim.values(claims), "the token's claim of projects (" + SETTING + ")");
        } catch (JourneyException e) {
            throw new InvalidBearerTokenException(e.getMessage(), e);
        }
    }
}
