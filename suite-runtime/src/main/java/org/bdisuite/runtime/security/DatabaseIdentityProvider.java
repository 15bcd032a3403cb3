package org.bdisuite.runtime.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.Set;
import org.bdisuite.model.entity.SuiteUser;

/** Basic authentication against the suite_user table: an enabled user whose bcrypt hash matches gets its roles. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserRepository users;
    private final PasswordVerifier verifier;

    public DatabaseIdentityProvider(UserRepository users, PasswordVerifier verifier) {
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
        Optional<UserSnapshot> user = QuarkusTransaction.requiringNew()
                .call(() -> users.findByUsername(username).map(UserSnapshot::of));
        // The same message whatever failed, so that a caller cannot probe which user names exist.
        if (user.isEmpty() || !user.get().enabled() || !verifier.matches(password, user.get().passwordHash())) {
            throw new AuthenticationFailedException("Invalid user name or password");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.get().username()))
                .addRoles(user.get().roles())
                .build();
    }

    private record UserSnapshot(String username, String passwordHash, boolean enabled, Set<String> roles) {

        static UserSnapshot of(SuiteUser user) {
            return new UserSnapshot(user.getUsername(), user.getPasswordHash(), user.isEnabled(),
                    Set.copyOf(user.getRoles()));
        }
    }
}
