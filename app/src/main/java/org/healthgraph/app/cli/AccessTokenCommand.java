package org.healthgraph.app.cli;

import java.util.concurrent.Callable;

import org.healthgraph.graphql.access.AccessTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph access-token}: makes an API token that holds the role ANALYST (machine clients), and the hash to configure. */
@Command(name = "access-token", mixinStandardHelpOptions = true,
        description = {"Make a new token for patient-level GraphQL fields (cohort patient ids, a patient's events).",
                "Give the token to the authorised user; list only its hash in the server's settings."})
public final class AccessTokenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String token = AccessTokens.newToken();
        var out = spec.commandLine().getOut();
        out.println("token (give it to the authorised user, send it as 'Authorization: Bearer <token>'):");
        out.println("  " + token);
        out.println("setting for the server (only the hash is stored; several hashes are separated by commas):");
        out.println("  " + AccessTokens.SETTING + "=" + AccessTokens.hash(token));
        return 0;
    }
}
