package dev.socialcrawl.proxy.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;

/** Every field map the catalogue names, loaded and validated at start-up: a missing or broken map stops the service. */
@Startup
@ApplicationScoped
public class FieldMaps {
    private final Map<String, FieldMap> maps;

    public FieldMaps(Catalog catalog) {
        this.maps = loadAll(catalog);
    }

    public static Map<String, FieldMap> loadAll(Catalog catalog) {
        TreeSet<String> names = new TreeSet<>();
        catalog.endpoints().stream().map(Endpoint::fieldMap).filter(n -> n != null).forEach(names::add);
        Map<String, FieldMap> result = new LinkedHashMap<>();
        for (String name : names) {
            result.put(name, load(name));
        }
        return result;
    }

    public static FieldMap load(String name) {
        String resource = "/fieldmaps/" + name + ".json";
        try (InputStream in = FieldMaps.class.getResourceAsStream(resource)) {
            return FieldMapParser.parse(name, in);
        } catch (IOException e) {
            throw new FieldMapException("Field map " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Optional<FieldMap> find(String name) {
        return Optional.ofNullable(maps.get(name));
    }

    public Collection<FieldMap> all() {
        return maps.values();
    }
}
