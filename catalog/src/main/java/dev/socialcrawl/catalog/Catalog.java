package dev.socialcrawl.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The endpoint catalogue, loaded from one data file ({@code catalog.json} on the classpath) and validated as a
 * whole: a malformed file fails with a message naming the entry and the problem.
 */
public final class Catalog {
    public static final String DEFAULT_RESOURCE = "/catalog.json";
    /** Accepted by every endpoint on top of its own params; never listed in the file. */
    public static final String FORMAT_PARAM = "format";

    private static final Pattern PLATFORM_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern RESOURCE = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern FIELD_MAP = Pattern.compile("[a-z]+-(author|post)");
    private static final Set<String> PLATFORM_KEYS = Set.of("name", "url_hosts");
    private static final Set<String> ENDPOINT_KEYS = Set.of("platform", "resource", "tier", "archetype", "required",
            "one_of", "params", "field_map", "cache_ttl_seconds");
    private static final Set<String> PARAM_KEYS = Set.of("name", "type", "values");

    private final Map<String, Platform> platforms;
    private final Map<String, Endpoint> endpointsByPath;

    private Catalog(Map<String, Platform> platforms, Map<String, Endpoint> endpointsByPath) {
        this.platforms = Collections.unmodifiableMap(platforms);
        this.endpointsByPath = Collections.unmodifiableMap(endpointsByPath);
    }

    /** Loads {@code /catalog.json} from the classpath. */
    public static Catalog loadDefault() {
        try (InputStream in = Catalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new CatalogException("Endpoint catalogue " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new CatalogException("Endpoint catalogue " + DEFAULT_RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Catalog parse(InputStream json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CatalogException("Endpoint catalogue is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException("Endpoint catalogue cannot be read: " + e.getMessage(), e);
        }
        return fromTree(root);
    }

    static Catalog fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new CatalogException("Endpoint catalogue must be a JSON object with 'platforms' and 'endpoints'");
        }
        Map<String, Platform> platforms = new LinkedHashMap<>();
        for (JsonNode p : array(root, "platforms", "catalogue")) {
            Platform platform = platform(p);
            if (platforms.put(platform.name(), platform) != null) {
                throw new CatalogException("Platform '" + platform.name() + "' is listed twice");
            }
        }
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode e : array(root, "endpoints", "catalogue")) {
            Endpoint endpoint = endpoint(e, index++, platforms);
            if (endpoints.put(endpoint.path(), endpoint) != null) {
                throw new CatalogException("Endpoint " + endpoint.path() + " is listed twice");
            }
        }
        Set<String> unused = new HashSet<>(platforms.keySet());
        endpoints.values().forEach(e -> unused.remove(e.platform()));
        if (!unused.isEmpty()) {
            throw new CatalogException("Platforms without endpoints: " + unused);
        }
        return new Catalog(platforms, endpoints);
    }

    public Optional<Endpoint> find(String platform, String resource) {
        return Optional.ofNullable(endpointsByPath.get("/v1/" + platform + "/" + resource));
    }

    public Optional<Endpoint> findByPath(String path) {
        return Optional.ofNullable(endpointsByPath.get(path));
    }

    public Collection<Endpoint> endpoints() {
        return endpointsByPath.values();
    }

    public Collection<Platform> platforms() {
        return platforms.values();
    }

    public Optional<Platform> platform(String name) {
        return Optional.ofNullable(platforms.get(name));
    }

    public boolean hasPlatform(String name) {
        return platforms.containsKey(name);
    }

    private static Platform platform(JsonNode p) {
        checkKeys(p, PLATFORM_KEYS, "platform " + p);
        String name = text(p, "name", "platform");
        if (!PLATFORM_NAME.matcher(name).matches()) {
            throw new CatalogException("Platform name '" + name + "' must be lower-case letters and digits");
        }
        List<String> hosts = new ArrayList<>();
        for (JsonNode h : array(p, "url_hosts", "platform " + name)) {
            if (!h.isTextual() || h.asText().isBlank()) {
                throw new CatalogException("Platform " + name + ": url_hosts must hold host names");
            }
            hosts.add(h.asText());
        }
        return new Platform(name, hosts);
    }

    private static Endpoint endpoint(JsonNode e, int index, Map<String, Platform> platforms) {
        String where = "endpoint #" + index;
        if (!e.isObject()) {
            throw new CatalogException(where + " must be an object");
        }
        String platform = text(e, "platform", where);
        String resource = text(e, "resource", where);
        where = "endpoint /v1/" + platform + "/" + resource;
        checkKeys(e, ENDPOINT_KEYS, where);
        if (!platforms.containsKey(platform)) {
            throw new CatalogException(where + ": unknown platform '" + platform + "'");
        }
        if (!RESOURCE.matcher(resource).matches()) {
            throw new CatalogException(where + ": resource must be lower-case path segments");
        }
        Tier tier = enumValue(Tier.class, text(e, "tier", where).toUpperCase(java.util.Locale.ROOT), where, "tier");
        String archetypeName = text(e, "archetype", where);
        Archetype archetype = Archetype.fromCatalogName(archetypeName);
        if (archetype == null) {
            throw new CatalogException(where + ": unknown archetype '" + archetypeName + "'");
        }

        Map<String, ParamSpec> params = new LinkedHashMap<>();
        for (JsonNode p : array(e, "params", where)) {
            ParamSpec spec = param(p, where);
            if (params.put(spec.name(), spec) != null) {
                throw new CatalogException(where + ": param '" + spec.name() + "' is listed twice");
            }
        }
        List<String> required = names(e.get("required"), where, "required", params);
        List<List<String>> oneOf = new ArrayList<>();
        if (e.has("one_of")) {
            for (JsonNode group : array(e, "one_of", where)) {
                List<String> members = names(group, where, "one_of", params);
                if (members.size() < 2) {
                    throw new CatalogException(where + ": a one_of group needs at least two params");
                }
                oneOf.add(members);
            }
        }

        String fieldMap = null;
        if (e.has("field_map")) {
            fieldMap = text(e, "field_map", where);
            if (!FIELD_MAP.matcher(fieldMap).matches()) {
                throw new CatalogException(where + ": field_map '" + fieldMap + "' must look like '{platform}-author' or '{platform}-post'");
            }
            if (archetype != Archetype.AUTHOR && archetype != Archetype.POST) {
                throw new CatalogException(where + ": only Author and Post endpoints have a field map");
            }
        }
        Duration ttl = null;
        if (e.has("cache_ttl_seconds")) {
            JsonNode t = e.get("cache_ttl_seconds");
            if (!t.canConvertToInt() || t.asInt() <= 0) {
                throw new CatalogException(where + ": cache_ttl_seconds must be a positive whole number");
            }
            ttl = Duration.ofSeconds(t.asInt());
        }
        return new Endpoint(platform, resource, tier, archetype, required, oneOf, params, fieldMap, ttl);
    }

    private static ParamSpec param(JsonNode p, String where) {
        if (!p.isObject()) {
            throw new CatalogException(where + ": each param must be an object");
        }
        String name = text(p, "name", where + " param");
        String at = where + " param '" + name + "'";
        checkKeys(p, PARAM_KEYS, at);
        if (!PARAM_NAME.matcher(name).matches()) {
            throw new CatalogException(at + ": name must be letters, digits and underscores");
        }
        if (FORMAT_PARAM.equals(name)) {
            throw new CatalogException(at + ": 'format' is accepted on every endpoint and must not be listed");
        }
        String typeName = text(p, "type", at);
        ParamType type = ParamType.fromWireName(typeName);
        if (type == null) {
            throw new CatalogException(at + ": unknown type '" + typeName + "'");
        }
        List<String> values = new ArrayList<>();
        if (p.has("values")) {
            for (JsonNode v : array(p, "values", at)) {
                if (!v.isTextual() || v.asText().isEmpty()) {
                    throw new CatalogException(at + ": enum values must be non-empty strings");
                }
                values.add(v.asText());
            }
        }
        if (type == ParamType.ENUM && values.isEmpty()) {
            throw new CatalogException(at + ": an enum needs 'values'");
        }
        if (type != ParamType.ENUM && !values.isEmpty()) {
            throw new CatalogException(at + ": only enum params have 'values'");
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new CatalogException(at + ": enum values repeat");
        }
        return new ParamSpec(name, type, values);
    }

    private static List<String> names(JsonNode node, String where, String field, Map<String, ParamSpec> params) {
        if (node == null) {
            throw new CatalogException(where + ": '" + field + "' is missing");
        }
        if (!node.isArray()) {
            throw new CatalogException(where + ": '" + field + "' must be an array of param names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || !params.containsKey(n.asText())) {
                throw new CatalogException(where + ": '" + field + "' names " + n + ", which is not in 'params'");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new CatalogException(where + ": '" + field + "' must be an array");
        }
        return n;
    }

    private static String text(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new CatalogException(where + ": '" + field + "' must be a non-empty string");
        }
        return n.asText();
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new CatalogException(where + ": unknown key '" + key + "' (allowed: " + allowed + ")");
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(where + ": unknown " + field + " '" + value.toLowerCase(java.util.Locale.ROOT) + "'");
        }
    }
}
