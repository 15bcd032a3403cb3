package org.bdisuite.runtime.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Basic authentication against the suite_user table: an enabled user whose bcrypt hash matches gets its roles. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserCredentials users;
    private final PasswordVerifier verifier;

    public DatabaseIdentityProvider(UserCredentials users, PasswordVerifier verifier) {
        this.users = users;
        this.verifier = verifier;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> verify(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    private SecurityIdentity verify(String username, String password) {
        Optional<UserCredentials.Credential> user = users.find(username);
        // The same message whatever failed, so that a caller cannot probe which user names exist.
        if (user.isEmpty() || !user.get().enabled() || !verifier.matches(password, user.get().passwordHash())) {
            throw new AuthenticationFailedException("Invalid user name or password");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.get().username()))
                .addRoles(user.get().roles())
                .build();
    }
}
