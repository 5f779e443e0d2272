package dev.socialcrawl.billing.dashboard.pages;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;

import dev.socialcrawl.billing.activity.ActivityItem;
import dev.socialcrawl.billing.activity.ActivityParams;
import dev.socialcrawl.billing.activity.ActivityQueryService;
import dev.socialcrawl.billing.dashboard.user.Role;
import dev.socialcrawl.billing.dashboard.view.Href;
import dev.socialcrawl.errors.ApiException;

/**
 * The account's request log from billing's activity store, newest first: the same filters as {@code GET /v1/activity}
 * (time range, status code or class, endpoint, request id), 50 rows a page.
 */
@Path("/dashboard/activity")
@DashboardPage
@Blocking
@Produces(Pages.HTML)
@RolesAllowed({ Role.Names.CUSTOMER, Role.Names.BILLING, Role.Names.BILLING_ADMIN })
public class ActivityPage {
    private static final String PAGE_SIZE = "50";

    private final Viewer viewer;
    private final ActivityQueryService activity;

    public ActivityPage(Viewer viewer, ActivityQueryService activity) {
        this.viewer = viewer;
        this.activity = activity;
    }

    @GET
    public Response activity(@QueryParam("account") String account, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("status") String status, @QueryParam("endpoint") String endpoint,
            @QueryParam("request_id") String requestId, @QueryParam("cursor") String cursor) {
        long id = viewer.account(account);
        Href first = Href.of(Section.ACTIVITY.path).with("account", viewer.seesAllAccounts() ? id : null).with("from", from)
                .with("to", to).with("status", status).with("endpoint", endpoint).with("request_id", requestId);
        PageData.ActivityFilter filter = new PageData.ActivityFilter(blank(from), blank(to), blank(status), blank(endpoint),
                blank(requestId), first.toString());
        try {
            ActivityItem.Page page = activity.page(ActivityParams.query(id, from, to, status, endpoint, requestId, cursor,
                    PAGE_SIZE), false);
            String next = page.nextCursor() == null ? null : first.with("cursor", page.nextCursor()).toString();
            return Response.ok(Pages.activity(viewer.chrome("Activity", Section.ACTIVITY, id), filter, page.items(), next, null))
                    .build();
        } catch (ApiException e) {
            return Response.status(e.code().status())
                    .entity(Pages.activity(viewer.chrome("Activity", Section.ACTIVITY, id), filter, List.of(), null, e.getMessage()))
                    .build();
        }
    }

    static String blank(String value) {
        return value == null ? "" : value;
    }
}
