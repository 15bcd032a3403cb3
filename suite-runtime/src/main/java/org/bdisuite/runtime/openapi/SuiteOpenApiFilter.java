package org.bdisuite.runtime.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * What every operation of every service has in common, written once instead of on each resource method: the roles
 * (taken from the security requirement that {@code auto-add-security-requirement} derives from
 * {@code @RolesAllowed}) as an {@code x-roles} extension and a line of the description, the 401, 403 and 429
 * (login throttle, with Retry-After) responses, the error body ({@code ErrorBody}, JSON, and XML where the operation
 * answers XML) as the content of every 4xx / 5xx response a resource declares with only a description, the
 * 400 / 415 that any operation taking parameters / a body can answer, and the 413 of every operation that takes a
 * body ({@code WholeBodyLimit}; an operation that streams its body declares its own).
 * <p>
 * Runs at build time, so the document stored under {@code docs/openapi/} is exactly what this produces.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SuiteOpenApiFilter implements OASFilter {

    public static final String ERROR_BODY = "ErrorBody";
    private static final String ERROR_BODY_REF = "#/components/schemas/" + ERROR_BODY;
    private static final String VIOLATION = "ErrorBodyViolation";
    private static final String JSON = "application/json";
    private static final String XML = "application/xml";
    /** Methods that change nothing; CrossSiteRequestFilter lets them through from any site. */
    private static final Set<PathItem.HttpMethod> SAFE = Set.of(
            PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS, PathItem.HttpMethod.TRACE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(ERROR_BODY, errorBody());
        components.addSchema(VIOLATION, violation());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            path.getOperations().forEach((method, operation) -> document(operation, !SAFE.contains(method)));
        }
    }

    private static void document(Operation operation, boolean changesState) {
        List<String> roles = roles(operation);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        declareBadInput(operation, responses);
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", roles);
            String line = "Roles: " + String.join(", ", roles) + ".";
            operation.setDescription(
                    operation.getDescription() == null ? line : operation.getDescription() + "\n\n" + line);
            responses.addAPIResponse(
                    "401",
                    OASFactory.createAPIResponse()
                            .description("No or wrong basic-auth credentials (answered with WWW-Authenticate: Basic"
                                    + " realm=\"bdi-suite\")"));
            responses.addAPIResponse(
                    "403",
                    OASFactory.createAPIResponse()
                            .description("The caller has none of the roles " + String.join(", ", roles)
                                    + (changesState
                                            ? "; or a browser sent the request from another site (code cross-site-request)"
                                            : "")));
            responses.addAPIResponse(
                    "429",
                    OASFactory.createAPIResponse()
                            .description("Too many failed logins for this user name or from this address (code"
                                    + " too-many-login-failures); no password was checked")
                            .addHeader(
                                    "Retry-After",
                                    OASFactory.createHeader()
                                            .description("Seconds to wait before the next login")
                                            .schema(OASFactory.createSchema()
                                                    .addType(Schema.SchemaType.INTEGER)
                                                    .format("int64"))));
        }
        if (operation.getRequestBody() != null && !responses.hasAPIResponse("413")) {
            responses.addAPIResponse(
                    "413",
                    OASFactory.createAPIResponse()
                            .description(
                                    "The request body is larger than this operation accepts (suite.http.max-json-body-size,"
                                            + " 256 KB unless configured); nothing was changed"));
        }
        List<String> errorTypes = errorMediaTypes(responses);
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        new TreeSet<>(responses.getAPIResponses().keySet())
                .forEach(code -> sorted.put(code, responses.getAPIResponse(code)));
        for (Map.Entry<String, APIResponse> response : sorted.entrySet()) {
            if (response.getKey().charAt(0) >= '4' && response.getValue().getContent() == null) {
                Content content = OASFactory.createContent();
                for (String type : errorTypes) {
                    content.addMediaType(
                            type,
                            OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref(ERROR_BODY_REF)));
                }
                response.getValue().setContent(content);
            }
        }
        responses.setAPIResponses(sorted);
    }

    /**
     * What any operation that takes input can answer, whether or not its resource says so: 400 for a value that
     * cannot be used (a character PostgreSQL cannot store, such as NUL, in any text), 415 for a body whose
     * Content-Type the operation does not take (or that is no media type at all).
     */
    private static void declareBadInput(Operation operation, APIResponses responses) {
        boolean takesBody = operation.getRequestBody() != null;
        boolean takesParameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        if ((takesBody || takesParameters) && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse(
                    "400",
                    OASFactory.createAPIResponse()
                            .description(
                                    "A parameter or body value that cannot be used (for example a NUL character)"));
        }
        if (takesBody && !responses.hasAPIResponse("415")) {
            responses.addAPIResponse(
                    "415",
                    OASFactory.createAPIResponse()
                            .description("The body's Content-Type is not one this operation takes"));
        }
    }

    /** The roles of the operation's basic-auth requirement, as {@code @RolesAllowed} lists them. */
    private static List<String> roles(Operation operation) {
        List<String> roles = new ArrayList<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                requirement.getSchemes().values().forEach(scopes -> {
                    if (scopes != null) {
                        scopes.stream().filter(role -> !roles.contains(role)).forEach(roles::add);
                    }
                });
            }
        }
        return roles;
    }

    /** Errors come as JSON, and as XML too where a successful answer may be XML (Accept decides). */
    private static List<String> errorMediaTypes(APIResponses responses) {
        boolean xml = responses.getAPIResponses().entrySet().stream()
                .filter(response -> response.getKey().startsWith("2")
                        && response.getValue().getContent() != null
                        && response.getValue().getContent().getMediaTypes() != null)
                .anyMatch(response ->
                        response.getValue().getContent().getMediaTypes().containsKey(XML));
        return xml ? List.of(JSON, XML) : List.of(JSON);
    }

    private static Schema errorBody() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("The error body of every 4xx / 5xx answer (the BDI spec's exceptionVo; XML root"
                        + " element exceptionVo). Never a stack trace or a Java class name.")
                .addRequired("statusCode")
                .addRequired("status")
                .addRequired("message")
                .addProperty(
                        "statusCode",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32")
                                .description("The HTTP status code")
                                .addExample(409))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("The status name")
                                .addExample("CONFLICT"))
                .addProperty(
                        "message",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("What went wrong, for a person")
                                .addExample("Block 1 of transmission DS7-P1 is already stored with other bytes"))
                .addProperty(
                        "code",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("A stable machine-readable code, when the failure has one")
                                .addExample("block-differs"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .description("Each rejected input, when a request has several")
                                .items(OASFactory.createSchema().ref("#/components/schemas/" + VIOLATION)));
    }

    private static Schema violation() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("One rejected input")
                .addRequired("field")
                .addRequired("message")
                .addProperty(
                        "field",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("Where the bad value is: a parameter or a body property path")
                                .addExample("blockNumber"))
                .addProperty(
                        "message",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("Why it was rejected")
                                .addExample("must be from 0 to 2147483647"));
    }
}
