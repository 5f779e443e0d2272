package dev.socialcrawl.billing.web;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Shapes billing's OpenAPI document (served with Swagger UI on the management port): the admin and ledger APIs with
 * their bearer token; the gateway's {@code /internal} API is left out, whatever routes it gains later.
 */
public class OpenApiDocument implements OASFilter {
    static final String INTERNAL = "/internal";
    static final String BEARER = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            List<String> internal = openAPI.getPaths().getPathItems().keySet().stream()
                    .filter(path -> path.equals(INTERNAL) || path.startsWith(INTERNAL + "/")).toList();
            internal.forEach(openAPI.getPaths()::removePathItem);
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme(BEARER)
                .description("BILLING_ADMIN_TOKEN (everything) or BILLING_LEDGER_TOKEN (GET only; writes answer 403)"));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
    }
}
