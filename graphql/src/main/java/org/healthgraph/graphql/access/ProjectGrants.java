package org.healthgraph.graphql.access;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.healthgraph.journeys.ProjectCode;

/**
 * The projects whose patient-level data a caller holding ANALYST may read: some projects, or every
 * one ({@code *}: an administrator's grant, or a listed API token's). Without ANALYST a grant gives
 * nothing; with ANALYST and no grant, a caller reads aggregates only, like a researcher.
 *
 * @param projects the projects granted
 * @param every    whether every project (and the patients of none) is granted
 */
public record ProjectGrants(Set<ProjectCode> projects, boolean every) {

    private static final ProjectGrants NONE = new ProjectGrants(Set.of(), false);
    private static final ProjectGrants EVERY = new ProjectGrants(Set.of(), true);

    public ProjectGrants {
        projects = Set.copyOf(projects);
    }

    /** No project. */
    public static ProjectGrants none() {
        return NONE;
    }

    /** Every project. */
    public static ProjectGrants everyProject() {
        return EVERY;
    }

    /** These projects; the code {@value ProjectCode#EVERY_PROJECT} stands for every project. */
    public static ProjectGrants of(Collection<String> codes, String where) {
        Set<ProjectCode> out = new TreeSet<>();
        for (String code : codes) {
            String c = code.strip();
            if (c.equals(ProjectCode.EVERY_PROJECT)) {
                return EVERY;
            }
            if (!c.isEmpty()) {
                out.add(ProjectCode.of(c, where));
            }
        }
        return out.isEmpty() ? NONE : new ProjectGrants(out, false);
    }

    /** Both grants together. */
    public ProjectGrants and(ProjectGrants other) {
        if (every || other.every) {
            return EVERY;
        }
        Set<ProjectCode> all = new TreeSet<>(projects);
        all.addAll(other.projects);
        return all.isEmpty() ? NONE : new ProjectGrants(all, false);
    }

    /** Whether the patients of {@code scope} are granted; an empty scope (every patient) only with every project. */
    public boolean covers(Optional<ProjectCode> scope) {
        return every || scope.map(projects::contains).orElse(false);
    }

    /** Whether a patient in these projects is granted (one of them suffices). */
    public boolean coversAnyOf(Set<ProjectCode> patientProjects) {
        return every || patientProjects.stream().anyMatch(projects::contains);
    }

    /** The grant as written in settings and shown to the caller: {@code *}, or the codes in order. */
    public Set<String> shown() {
        if (every) {
            return Set.of(ProjectCode.EVERY_PROJECT);
        }
        Set<String> out = new TreeSet<>();
        projects.forEach(p -> out.add(p.value()));
        return out;
    }
}
