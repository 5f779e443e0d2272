package dev.socialcrawl.billing.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code details} lists at most {@link IntegrityService#MAX_DETAILS} violations; {@code violations} counts all. */
public record IntegrityReport(long violations, long accountsChecked, List<Violation> details) {

    public record Violation(@JsonInclude(JsonInclude.Include.ALWAYS) Long accountId, String kind, String detail) {
    }
}
