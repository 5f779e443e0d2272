package dev.socialcrawl.gateway.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ErrorCode;

/**
 * docs/api.md stays in step with the catalogue and the error table: its pagination table names every list endpoint
 * (and every endpoint with a page parameter) once, with a parameter that endpoint has; its error table every type.
 */
class ApiReferenceTest {
    /** The catalogue's names for a position in a list; an endpoint with none of them has one page. */
    private static final Set<String> PAGING_PARAMS = Set.of("cursor", "max_cursor", "min_time", "page",
            "next_max_id", "max_id", "continuationToken", "after", "paginationToken", "next_page_id");
    private static final Pattern PATH = Pattern.compile("`(/v1/[^`]+)`");
    private static final Pattern PARAM = Pattern.compile("^`(\\w+)`$");

    private final Catalog catalog = Catalog.loadDefault();

    @Test
    void thePaginationTableGivesEveryListEndpointTheParameterThatTakesItsCursor() throws IOException {
        Map<String, String> rows = new HashMap<>();
        for (String line : section("Pagination")) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("| `/v1/") || cells.length < 4) {
                continue;
            }
            Matcher paths = PATH.matcher(cells[1]);
            while (paths.find()) {
                assertEquals(null, rows.put(paths.group(1), cells[2].trim()), paths.group(1) + " is listed once");
            }
        }
        Set<String> expected = new TreeSet<>();
        for (Endpoint e : catalog.endpoints()) {
            if (e.archetype().isList() || e.param("page").isPresent()) {
                expected.add(e.path());
            }
        }
        assertEquals(expected, new TreeSet<>(rows.keySet()), "every list endpoint, nothing else");
        rows.forEach((path, cell) -> {
            Endpoint e = catalog.findByPath(path).orElseThrow();
            Matcher param = PARAM.matcher(cell);
            if (param.matches()) {
                assertTrue(e.param(param.group(1)).isPresent(), path + " has a parameter " + cell);
            } else {
                assertEquals("–", cell, path);
                assertTrue(e.params().keySet().stream().noneMatch(PAGING_PARAMS::contains),
                        path + " is said to have one page but has a paging parameter");
            }
        });
    }

    @Test
    void theErrorTableLinksEveryTypeToItsPageWithItsStatus() throws IOException {
        List<String> table = section("Errors");
        for (ErrorCode code : ErrorCode.values()) {
            String row = "| [`" + code.name() + "`](http://localhost:8080/docs/errors/" + code.slug() + ") | "
                    + code.status() + " |";
            assertTrue(table.stream().anyMatch(l -> l.startsWith(row)), row);
        }
    }

    /** The lines of one {@code ## } section of docs/api.md. */
    private static List<String> section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "api.md"));
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                in = line.equals("## " + heading);
            } else if (in) {
                out.add(line);
            }
        }
        assertFalse(out.isEmpty(), "docs/api.md has a section " + heading);
        return out;
    }
}
