package org.bdisuite.runtime.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.bdisuite.runtime.error.ErrorMapping;
import org.bdisuite.runtime.error.HttpErrorHandler;

/**
 * HTTP basic authentication whose 401 carries the suite's error body. Quarkus's own basic mechanism (turned
 * off with quarkus.http.auth.basic=false) ends a challenge with an empty body, and that challenge is sent
 * before any failure handler or exception mapper could add one; so this mechanism reads credentials exactly as
 * Quarkus's does and only writes the challenge itself.
 */
@ApplicationScoped
public class BasicAuthWithErrorBody implements HttpAuthenticationMechanism {

    private final BasicAuthenticationMechanism basic = new BasicAuthenticationMechanism("bdi-suite", false);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return basic.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return basic.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            HttpErrorHandler.write(context, ErrorMapping.forStatus(401, HttpErrorHandler.requestOf(context)));
        }
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return basic.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return basic.getCredentialTransport(context);
    }
}
