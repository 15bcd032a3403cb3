package org.bdisuite.runtime.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
    }
}
