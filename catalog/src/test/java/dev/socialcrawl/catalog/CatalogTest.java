package dev.socialcrawl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
    private static final Catalog CATALOG = Catalog.loadDefault();

    @Test
    void theShippedCatalogueHasAll108EndpointsOn21Platforms() {
        assertEquals(108, CATALOG.endpoints().size());
        assertEquals(21, CATALOG.platforms().size());
        Map<String, Long> perPlatform = CATALOG.endpoints().stream()
                .collect(Collectors.groupingBy(Endpoint::platform, Collectors.counting()));
        assertEquals(26, perPlatform.get("tiktok"));
        assertEquals(12, perPlatform.get("instagram"));
        assertEquals(12, perPlatform.get("youtube"));
        assertEquals(12, perPlatform.get("facebook"));
        assertEquals(7, perPlatform.get("reddit"));
        assertEquals(1, perPlatform.get("utility"));
    }

    @ParameterizedTest(name = "{0} costs {1}, archetype {2}")
    @CsvSource({
            "/v1/tiktok/profile,                 1,  AUTHOR",
            "/v1/tiktok/trending,                5,  POST_LIST",
            "/v1/tiktok/post/transcript,         10, POST",
            "/v1/youtube/video/comments,         1,  COMMENT_LIST",
            "/v1/reddit/search,                  1,  SEARCH_RESULT",
            "/v1/tiktok/user/audience,           5,  AUDIENCE",
            "/v1/utility/age-gender,             10, ANALYTICS",
            "/v1/facebook/adlibrary/search/ads,  5,  SEARCH_RESULT",
    })
    void tiersAndArchetypesFollowTheSpec(String path, long cost, Archetype archetype) {
        Endpoint e = CATALOG.findByPath(path).orElseThrow();
        assertEquals(cost, e.cost());
        assertEquals(archetype, e.archetype());
    }

    @Test
    void requiredOneOfOptionalAndEnumsAreKept() {
        Endpoint channel = CATALOG.find("youtube", "channel").orElseThrow();
        assertEquals(List.of(), channel.required());
        assertEquals(List.of(List.of("channelId", "handle", "url")), channel.oneOf());
        assertEquals("youtube-author", channel.fieldMap());

        Endpoint search = CATALOG.find("tiktok", "search").orElseThrow();
        assertEquals(List.of("query"), search.required());
        assertEquals(ParamType.ENUM, search.param("sort_by").orElseThrow().type());
        assertEquals(List.of("relevance", "most-liked", "date-posted"), search.param("sort_by").orElseThrow().values());
        assertEquals(ParamType.INT, search.param("cursor").orElseThrow().type());
        assertEquals(ParamType.BOOL, search.param("trim").orElseThrow().type());

        Endpoint songs = CATALOG.find("tiktok", "songs/popular").orElseThrow();
        assertEquals(71, songs.param("countryCode").orElseThrow().values().size());
        assertEquals(ParamType.HANDLE, CATALOG.find("tiktok", "profile").orElseThrow().param("handle").orElseThrow().type());
        assertEquals(ParamType.URL, CATALOG.find("tiktok", "post").orElseThrow().param("url").orElseThrow().type());
        assertEquals(ParamType.SUBREDDIT, CATALOG.find("reddit", "subreddit").orElseThrow().param("subreddit").orElseThrow().type());
    }

    @Test
    void everyFieldMapSitsOnAnAuthorOrPostEndpointOfItsPlatform() {
        long mapped = CATALOG.endpoints().stream().filter(e -> e.fieldMap() != null).peek(e -> {
            assertTrue(e.archetype() == Archetype.AUTHOR || e.archetype() == Archetype.POST, e.path());
            assertTrue(e.fieldMap().startsWith(e.platform() + "-"), e.path());
        }).count();
        assertEquals(23, mapped);
    }

    @Test
    void platformHostsMatchSubdomainsButNotLookalikes() {
        Platform tiktok = CATALOG.platform("tiktok").orElseThrow();
        assertTrue(tiktok.acceptsHost("www.tiktok.com"));
        assertTrue(tiktok.acceptsHost("tiktok.com"));
        assertTrue(tiktok.acceptsHost("shop.TikTok.com"));
        assertFalse(tiktok.acceptsHost("nottiktok.com"));
        assertFalse(tiktok.acceptsHost("tiktok.com.evil.example"));
        assertTrue(CATALOG.platform("utility").orElseThrow().acceptsHost("cdn.example.org"));
    }

    @Test
    void unknownPathsAreNotFound() {
        assertTrue(CATALOG.find("tiktok", "nope").isEmpty());
        assertTrue(CATALOG.find("myspace", "profile").isEmpty());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{\"platforms\":[]}                                                                       | 'endpoints' must be an array",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"b\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[]}]} | unknown platform 'b'",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"gold\",\"archetype\":\"Author\",\"required\":[],\"params\":[]}]} | unknown tier 'gold'",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Blob\",\"required\":[],\"params\":[]}]} | unknown archetype 'Blob'",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[\"q\"],\"params\":[]}]} | which is not in 'params'",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[{\"name\":\"s\",\"type\":\"enum\"}]}]} | an enum needs 'values'",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[],\"colour\":1}]} | unknown key 'colour'",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"PostList\",\"required\":[],\"params\":[],\"field_map\":\"a-post\"}]} | only Author and Post endpoints have a field map",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[]},{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[]}]} | /v1/a/x is listed twice",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[{\"name\":\"format\",\"type\":\"string\"}]}]} | 'format' is accepted on every endpoint",
            "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[]}],\"endpoints\":[{\"platform\":\"a\",\"resource\":\"x\",\"tier\":\"standard\",\"archetype\":\"Author\",\"required\":[],\"params\":[],\"cache_ttl_seconds\":0}]} | cache_ttl_seconds must be a positive whole number",
            "not json | not valid JSON",
    })
    void aMalformedCatalogueFailsWithAMessageNamingTheProblem(String json, String expected) {
        CatalogException e = assertThrows(CatalogException.class,
                () -> Catalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aTtlOverrideIsRead() {
        String json = "{\"platforms\":[{\"name\":\"a\",\"url_hosts\":[\"a.com\"]}],\"endpoints\":[{\"platform\":\"a\","
                + "\"resource\":\"x/y\",\"tier\":\"premium\",\"archetype\":\"Analytics\",\"required\":[],\"params\":[],"
                + "\"cache_ttl_seconds\":42}]}";
        Catalog c = Catalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        Endpoint e = c.find("a", "x/y").orElseThrow();
        assertEquals(Duration.ofSeconds(42), e.cacheTtl());
        assertEquals(10, e.cost());
    }
}
