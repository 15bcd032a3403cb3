package org.bdisuite.runtime.openapi;

import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The texts of one service's contract that recur and would drown its resources if written on every method: tag
 * descriptions and what each recurring parameter means. A service's build-time filter delegates to it from its own
 * {@code filterParameter} and {@code filterOpenAPI}: composition, because a {@code filterOpenAPI} inherited from a
 * shared superclass was not applied to the build-time document (Quarkus 3.30) and the examples went missing.
 *
 * @param tags       description by tag name (the names of the resources' {@code @Tag})
 * @param parameters description by parameter name, for parameters without their own
 */
public record ApiTexts(Map<String, String> tags, Map<String, String> parameters) {

    public Parameter describe(Parameter parameter) {
        String description = parameters.get(parameter.getName());
        return description == null || parameter.getDescription() != null
                ? parameter
                : parameter.description(description);
    }

    public void describeTags(OpenAPI openAPI) {
        if (openAPI.getTags() != null) {
            openAPI.getTags().stream()
                    .filter(tag -> tags.containsKey(tag.getName()))
                    .forEach(tag -> tag.setDescription(tags.get(tag.getName())));
        }
    }
}
