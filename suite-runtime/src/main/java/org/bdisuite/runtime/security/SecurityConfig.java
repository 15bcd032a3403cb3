package org.bdisuite.runtime.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Authentication settings shared by every service. */
@ConfigMapping(prefix = "suite")
public interface SecurityConfig {

    /** The administrator created at start when the users table is empty. */
    Bootstrap bootstrap();

    /** Basic-auth verification. */
    Security security();

    interface Bootstrap {

        /** Name of the bootstrap admin (env SUITE_BOOTSTRAP_ADMIN_USER). */
        @WithDefault("admin")
        String adminUser();

        /**
         * Password of the bootstrap admin (env SUITE_BOOTSTRAP_ADMIN_PASSWORD). There is no default: without it
         * no admin is created, and the APIs refuse every call until one exists.
         */
        Optional<String> adminPassword();
    }

    interface Security {

        /**
         * How many verified (user, hash, password) triples to remember, so that a client sending many requests
         * pays for bcrypt once rather than on every request. 0 turns the cache off.
         */
        @WithDefault("10000")
        int verifiedPasswordCacheSize();

        /**
         * Origins (scheme://host[:port], for example {@code https://console.example.com}) besides the service's own
         * whose browser pages may send state-changing requests (POST, PUT, PATCH, DELETE); see CrossSiteRequestFilter.
         * None by default: a browser may change state only from the service's own origin.
         */
        Optional<List<String>> allowedOrigins();

        /** The throttle of failed logins (see LoginThrottle). */
        LoginThrottle loginThrottle();
    }

    /**
     * After {@link #maxFailuresPerUser} failed logins of one user name, or {@link #maxFailuresPerAddress} from one
     * client address, within one {@link #window}, further logins of that name or from that address are answered 429
     * (without a password check) until the window ends. Counted in each process's memory.
     */
    interface LoginThrottle {

        /** Failed logins of one user name within a window before its logins are refused. 0 turns this off. */
        @WithDefault("10")
        int maxFailuresPerUser();

        /**
         * Failed logins from one client address within a window before its logins are refused; higher than per user,
         * because many users may share an address (a NAT, a proxy). 0 turns this off.
         */
        @WithDefault("50")
        int maxFailuresPerAddress();

        /** How long failures are counted from the first one, and how long a refusal lasts at most. */
        @WithDefault("5m")
        Duration window();

        /**
         * How many user names and how many addresses are tracked at most (each); beyond that the least recently
         * failed one is forgotten, so a flood of made-up names cannot grow the memory without bound.
         */
        @WithDefault("10000")
        int trackedKeys();
    }
}
