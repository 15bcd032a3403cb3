package org.bdisuite.receiver.config;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Interface modules with their own quota on open receiver data, written {@code <module>=<size>,...}
 * ({@code Diff_Fnd=100G,Other_Fnd=512M}). One property rather than a map keyed by module: an environment variable
 * cannot carry a module name's case and underscores as a map key.
 */
public record ModuleQuotas(Map<String, Long> bytesByModule) {

    public ModuleQuotas {
        bytesByModule = Map.copyOf(bytesByModule);
    }

    /** The module's own quota in bytes, if it has one. */
    public Optional<Long> of(String interfaceModule) {
        return Optional.ofNullable(bytesByModule.get(interfaceModule));
    }

    /** Reads the property; an entry that is not {@code <module>=<size>} stops the start with a message naming it. */
    public static final class Reader implements Converter<ModuleQuotas> {

        private static final MemorySizeConverter SIZES = new MemorySizeConverter();

        @Override
        public ModuleQuotas convert(String value) {
            Map<String, Long> quotas = new LinkedHashMap<>();
            for (String entry : value.split(",")) {
                String trimmed = entry.trim();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (equals <= 0 || equals == trimmed.length() - 1) {
                    throw new IllegalArgumentException("suite.receiver.quota.modules: '" + trimmed
                            + "' is not <module>=<size>, such as Diff_Fnd=100G");
                }
                quotas.put(
                        trimmed.substring(0, equals).trim(),
                        SIZES.convert(trimmed.substring(equals + 1).trim()).asLongValue());
            }
            return new ModuleQuotas(quotas);
        }
    }
}
