package dev.socialcrawl.gateway.catalog;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.RequestValidator;

/**
 * Loads the endpoint catalogue once (a malformed file stops the start with the catalogue's own message) and the
 * parameter rules that go with it.
 */
@Singleton
public class CatalogProducer {
    private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

    @Produces
    @Singleton
    Catalog catalog() {
        return Catalog.loadDefault();
    }

    @Produces
    @Singleton
    RequestValidator validator(Catalog catalog) {
        return new RequestValidator(catalog);
    }

    void loadAtStart(@Observes StartupEvent event, Catalog catalog) {
        LOG.infof("Endpoint catalogue loaded: %d platforms, %d endpoints", catalog.platforms().size(),
                catalog.endpoints().size());
    }
}
