package org.healthgraph.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --project} option of the journey imports: the projects (approved studies) the patients go into. */
final class ProjectOption {

    @Option(names = "--project", paramLabel = "CODE", split = ",", converter = CodeConverter.class,
            description = "The project (an approved study's code, e.g. etude-avc-2026) the patients are imported into;"
                    + " repeat or separate with ',' for several. A patient keeps the projects of earlier imports. An"
                    + " analyst reads patient-level data only of the projects granted to them (healthgraph.security.grants,"
                    + " or the token's projects claim); patients imported without a project are read at patient level"
                    + " only by callers granted every project.")
    List<ProjectCode> codes = new ArrayList<>();

    /** A bad code is a usage error (exit 2) naming the option and the rule. */
    static final class CodeConverter implements CommandLine.ITypeConverter<ProjectCode> {
        @Override
        public ProjectCode convert(String value) {
            try {
                return new ProjectCode(value.strip());
            } catch (JourneyException e) {
                throw new CommandLine.TypeConversionException("--project: " + e.getMessage());
            }
        }
    }

    /** The projects named. */
    Set<ProjectCode> projects() {
        return new TreeSet<>(codes);
    }

    /** The patients, each in the projects named too. */
    List<PatientJourney> apply(List<PatientJourney> patients) {
        Set<ProjectCode> projects = projects();
        return projects.isEmpty() ? patients : patients.stream().map(p -> p.inProjects(projects)).toList();
    }
}
