package dev.socialcrawl.proxy.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.socialcrawl.catalog.Catalog;

/** The endpoint catalogue, loaded once; a malformed catalogue fails start-up. */
public class CatalogProducer {
    @Produces
    @Singleton
    Catalog catalog() {
        return Catalog.loadDefault();
    }
}
