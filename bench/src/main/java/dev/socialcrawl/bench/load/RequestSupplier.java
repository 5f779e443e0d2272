package dev.socialcrawl.bench.load;

/**
 * Decides the request for each scheduled send, so a scenario can vary URL and headers per request (unique
 * params on paid paths, rotating API keys, fresh request ids). Called from the scheduler thread, in order.
 */
@FunctionalInterface
public interface RequestSupplier {

    /**
     * @param sequence 0-based index of the scheduled request within this run (warm-up included)
     */
    RequestSpec next(long sequence);
}
