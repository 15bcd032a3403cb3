package org.bdisuite.runtime.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bdisuite.runtime.error.TooManyRequestsException;
import org.bdisuite.runtime.security.persistence.UserRepository;

/**
 * Basic authentication against the suite_user table: an enabled user whose bcrypt hash matches gets its roles.
 * Logins pass the {@link LoginThrottle} first (a 429 costs no password check), and every login that gets as far
 * costs one bcrypt check, whether the user exists or not.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserRepository users;
    private final PasswordVerifier verifier;
    private final LoginThrottle throttle;

    public DatabaseIdentityProvider(UserRepository users, PasswordVerifier verifier, LoginThrottle throttle) {
        this.users = users;
        this.verifier = verifier;
        this.throttle = throttle;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String address = clientAddress(request);
        try {
            throttle.checkAllowed(username, address);
        } catch (TooManyRequestsException refused) {
            // Not an AuthenticationFailedException: Quarkus passes other failures on to HttpErrorHandler (429).
            return Uni.createFrom().failure(refused);
        }
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> verify(username, password, address));
    }

    private SecurityIdentity verify(String username, String password, String address) {
        Optional<UserRepository.Credential> user =
                users.credentials(username).filter(UserRepository.Credential::enabled);
        boolean matches = user.isPresent()
                ? verifier.matches(password, user.get().passwordHash())
                : verifier.checkWithoutUser(password);
        // The same message whatever failed, so that a caller cannot probe which user names exist.
        if (!matches) {
            throttle.recordFailure(username, address);
            throw new AuthenticationFailedException("Invalid user name or password");
        }
        throttle.recordSuccess(username);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.get().username()))
                .addRoles(user.get().roles())
                .build();
    }

    /**
     * The peer of the connection; Quarkus replaces it with the forwarded client address only when
     * quarkus.http.proxy.proxy-address-forwarding is configured, so a client cannot pick its own address.
     */
    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        SocketAddress peer = context == null ? null : context.request().remoteAddress();
        return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    }
}
