package org.bdisuite.bench.floor;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Basic authentication of one configured user (the services' bootstrap administrator's keys), without the users
 * table: the floor measures the framework's start, not the suite's identity store.
 */
@ApplicationScoped
public class FloorIdentity implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final String user;
    private final byte[] password;

    public FloorIdentity(
            @ConfigProperty(name = "suite.bootstrap.admin-user", defaultValue = "admin") String user,
            @ConfigProperty(name = "suite.bootstrap.admin-password") String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        if (!user.equals(request.getUsername()) || !MessageDigest.isEqual(password, given)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user))
                        .addRole("bdi-admin")
                        .build());
    }
}
