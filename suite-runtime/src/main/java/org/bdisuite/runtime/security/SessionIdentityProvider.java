package org.bdisuite.runtime.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bdisuite.runtime.security.persistence.UserRepository;

/**
 * The console's session: the form login's encrypted cookie names a user that signed in with a password
 * ({@link DatabaseIdentityProvider}); each request reads that user again, so a user disabled or given other roles
 * after signing in is refused or served with the new roles on the next page rather than when the cookie expires.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final UserRepository users;

    public SessionIdentityProvider(UserRepository users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getPrincipal();
        return context.runBlocking(() -> users.credentials(username)
                .filter(UserRepository.Credential::enabled)
                .map(user -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.username()))
                        .addRoles(user.roles())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("The session's user no longer signs in")));
    }
}
