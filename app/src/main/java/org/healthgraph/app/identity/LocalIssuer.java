package org.healthgraph.app.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.healthgraph.graph.secret.SecretKeyFile;
import org.healthgraph.graphql.access.Role;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * The token issuer of local users: signs JWTs (RS256) with a key pair made at first start and kept in
 * {@code <data-dir>/.identity-key} (owner-only, never logged), and publishes the public key at
 * {@code /auth/jwks} so that another server (or any JWT library) can check its tokens as it would a
 * Keycloak's. Tokens carry {@code iss} {@value #ISSUER}, {@code sub} and {@code preferred_username}
 * (the user's name), {@code roles} (their role names), {@code iat}, {@code exp} and a {@code jti}.
 */
public final class LocalIssuer {

    /** The issuer every local token names and every local token must carry. */
    public static final String ISSUER = "urn:healthgraph:local";
    /** The key's file under the data folder. */
    public static final String KEY_FILE = ".identity-key";
    /** The claim of the role names in local tokens (the default of {@code healthgraph.security.roles-claim}). */
    public static final String ROLES_CLAIM = "roles";

    private final RSAKey key;
    private final NimbusJwtEncoder encoder;

    private LocalIssuer(RSAKey key) {
        this.key = key;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    /** The issuer of this data folder: its key, made if it does not exist yet (the folder must exist). */
    public static LocalIssuer open(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            return new LocalIssuer(Files.exists(file) ? read(file) : create(file));
        } catch (IOException e) {
            throw new IllegalStateException("healthgraph.data-dir: cannot read or make the identity key " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static RSAKey read(Path file) throws IOException {
        try {
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IOException("it holds no private key");
            }
            return key;
        } catch (ParseException e) {
            throw new IOException("it is not a key this program wrote (a JSON Web Key). Restore it from a backup; deleting it"
                    + " makes a new key, and every token issued before is refused", e);
        }
    }

    private static RSAKey create(Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IOException("cannot make an RSA key pair", e);
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, SecretKeyFile.ownerOnly());
        Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    /** A signed token for {@code user}, valid for {@code ttl}. */
    public IssuedToken issue(LocalUsers.LocalUser user, Duration ttl) {
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        List<String> roles = user.roles().stream().map(Role::name).sorted().toList();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(user.name()).issuedAt(now).expiresAt(expires)
                .id(UUID.randomUUID().toString()).claim("preferred_username", user.name()).claim(ROLES_CLAIM, roles).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedToken(token, expires);
    }

    /** A decoder that accepts this issuer's tokens only: signature, issuer, and time (a minute of clock skew). */
    public JwtDecoder decoder() {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException("the identity key's public part cannot be read", e);
        }
    }

    /** The public key set, as {@code /auth/jwks} serves it. */
    public Map<String, Object> publicKeys() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** A token and when it expires. */
    public record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expires " + expiresAt + "]";
        }
    }
}
