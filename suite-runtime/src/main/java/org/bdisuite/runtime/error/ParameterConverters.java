package org.bdisuite.runtime.error;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts typed request parameters (numbers, enums, dates, UUIDs) so that a bad value is answered in the client's
 * terms: a query or header parameter with a 400 that names it and says what it must be, a path parameter with a 404
 * that says the same (the path names no resource). Quarkus's own converters would answer 404 with a bare message
 * for a bad query parameter as well (the JAX-RS rule), or leak the Java type in the exception's text.
 * <p>
 * The REST layer wraps what a converter throws in a NotFoundException / BadRequestException; ErrorMapping maps
 * such a wrapper by its SuiteException cause.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    private static final Map<Class<?>, Function<String, ?>> PARSERS = Map.ofEntries(
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(int.class, Integer::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(long.class, Long::valueOf),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(double.class, Double::valueOf),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(LocalDate.class, value -> StorableTimes.inRange(LocalDate.parse(value))),
            Map.entry(OffsetDateTime.class, value -> StorableTimes.inRange(OffsetDateTime.parse(value))),
            Map.entry(Instant.class, value -> StorableTimes.inRange(Instant.parse(value))),
            Map.entry(UUID.class, UUID::fromString));

    /** Where a parameter comes from, and its name as the client spells it. */
    private record Parameter(String name, boolean inPath) {}

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Function<String, ?> parser = PARSERS.get(rawType);
        if (parser == null && rawType.isEnum() && !hasOwnFactory(rawType)) {
            parser = value -> Enum.valueOf((Class) rawType, value);
        }
        if (parser == null) {
            return null;
        }
        Parameter parameter = parameterOf(annotations);
        Function<String, ?> parse = parser;
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return (T) parse.apply(value);
                } catch (RuntimeException invalid) {
                    throw rejection(parameter, rawType);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value instanceof Enum<?> constant ? constant.name() : value.toString();
            }
        };
    }

    private static SuiteException rejection(Parameter parameter, Class<?> type) {
        String problem = ExpectedValues.mustBe(type).orElse("is not valid");
        if (parameter.inPath()) {
            return new ResourceNotFoundException("No resource at this path: " + parameter.name() + " " + problem);
        }
        return InvalidRequestException.forField(parameter.name(), problem);
    }

    /** An enum with its own fromString / valueOf(String) knows its spellings better: leave it to the default. */
    private static boolean hasOwnFactory(Class<?> enumType) {
        try {
            return Modifier.isStatic(
                    enumType.getDeclaredMethod("fromString", String.class).getModifiers());
        } catch (NoSuchMethodException none) {
            return false;
        }
    }

    private static Parameter parameterOf(Annotation[] annotations) {
        for (Annotation annotation : annotations == null ? new Annotation[0] : annotations) {
            if (annotation instanceof PathParam path) {
                return new Parameter(path.value(), true);
            }
            if (annotation instanceof RestPath path) {
                return new Parameter(named(path.value(), "path parameter"), true);
            }
            if (annotation instanceof QueryParam query) {
                return new Parameter(query.value(), false);
            }
            if (annotation instanceof RestQuery query) {
                return new Parameter(named(query.value(), "query parameter"), false);
            }
            if (annotation instanceof HeaderParam header) {
                return new Parameter(header.value(), false);
            }
            if (annotation instanceof RestHeader header) {
                return new Parameter(named(header.value(), "header"), false);
            }
            if (annotation instanceof FormParam form) {
                return new Parameter(form.value(), false);
            }
            if (annotation instanceof CookieParam cookie) {
                return new Parameter(cookie.value(), false);
            }
            if (annotation instanceof MatrixParam matrix) {
                return new Parameter(matrix.value(), false);
            }
        }
        return new Parameter("parameter", false);
    }

    private static String named(String name, String fallback) {
        return name == null || name.isEmpty() ? fallback : name;
    }
}
