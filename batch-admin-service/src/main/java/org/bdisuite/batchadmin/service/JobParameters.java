package org.bdisuite.batchadmin.service;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * The spec's job parameters: a comma separated list of name=value pairs ({@code jobParameters=dataSetId=1,a=2}).
 * A value is everything after the first '=' up to the next ','; a name is a plain identifier, once.
 */
public final class JobParameters {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");
    private static final int MAX_LENGTH = 2500;
    private static final String FIELD = "jobParameters";

    private JobParameters() {}

    /** The parameters of a request; null or blank is none. Anything else malformed is a 400 that says what. */
    public static Properties parse(String text) {
        Properties parameters = new Properties();
        if (text == null || text.isBlank()) {
            return parameters;
        }
        if (text.length() > MAX_LENGTH) {
            throw InvalidRequestException.forField(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        for (String pair : text.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw InvalidRequestException.forField(FIELD, "'" + printable(pair) + "' is not a name=value pair");
            }
            String name = pair.substring(0, equals).trim();
            if (!NAME.matcher(name).matches()) {
                throw InvalidRequestException.forField(
                        FIELD,
                        "'" + printable(name)
                                + "' is not a parameter name (a letter or '_', then letters, digits, '_', '.', '-')");
            }
            if (parameters.containsKey(name)) {
                throw InvalidRequestException.forField(FIELD, "parameter '" + name + "' is given twice");
            }
            parameters.setProperty(name, pair.substring(equals + 1).trim());
        }
        return parameters;
    }

    /** The parameters JBeret stored with an execution (java.util.Properties text), sorted by name. */
    public static Map<String, String> fromStored(String stored) {
        Map<String, String> parameters = new TreeMap<>();
        if (stored == null || stored.isBlank()) {
            return parameters;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(stored));
        } catch (IOException | IllegalArgumentException e) {
            return parameters;
        }
        properties.stringPropertyNames().forEach(name -> parameters.put(name, properties.getProperty(name)));
        return parameters;
    }

    private static String printable(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
