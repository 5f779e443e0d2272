package dev.socialcrawl.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.load.LoadGenerator;
import dev.socialcrawl.bench.load.RequestSpec;
import dev.socialcrawl.bench.servers.BareServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    @Test
    void theDefaultWarmUpRampsAQuarterAndAHalfForTenSecondsEachThenChecksItsLastTenSecondsAtTheFullRate() {
        List<JitWarmUp.Stage> stages = JitWarmUp.stages(Duration.ofSeconds(90), 800);

        assertEquals(List.of(new JitWarmUp.Stage(200, Duration.ofSeconds(10), false),
                new JitWarmUp.Stage(400, Duration.ofSeconds(10), false),
                new JitWarmUp.Stage(800, Duration.ofSeconds(60), false),
                new JitWarmUp.Stage(800, Duration.ofSeconds(10), true)), stages);
    }

    @Test
    void aShortWarmUpKeepsItsLengthWithNinthsForTheRampAndTheCheck() {
        List<JitWarmUp.Stage> stages = JitWarmUp.stages(Duration.ofSeconds(3), 800);

        assertEquals(Duration.ofSeconds(3), stages.stream().map(JitWarmUp.Stage::length)
                .reduce(Duration.ZERO, Duration::plus));
        assertEquals(Duration.ofSeconds(3).dividedBy(9), stages.get(0).length());
        assertTrue(stages.get(stages.size() - 1).checked());
        assertEquals(1, stages.stream().filter(JitWarmUp.Stage::checked).count());
        assertEquals(Duration.ofSeconds(10), JitWarmUp.step(Duration.ofSeconds(300)));
    }

    @Test
    void compilersAtFivePercentOfACoreOrLessOrUnreadCountAsSettled() {
        assertTrue(JitWarmUp.settled(5.0));
        assertTrue(JitWarmUp.settled(0.4));
        assertTrue(JitWarmUp.settled(null), "unreadable: nothing to wait for");
        assertFalse(JitWarmUp.settled(5.1));
    }

    @Test
    void aRunSendsEveryStageReadsThisJvmsCompilersAndStopsWithinTwiceItsLength() {
        Vertx vertx = Vertx.vertx();
        try (LoadGenerator generator = new LoadGenerator()) {
            int port = BareServer.start(vertx, "127.0.0.1", 0, 1);
            Duration length = Duration.ofMillis(1800);

            JitWarmUp.Outcome outcome = JitWarmUp.run(generator, Map.of("self", ProcessHandle.current().pid()),
                    "test warm-up", 400, length, 4, seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()));

            assertNotNull(outcome.compilerCorePercent(), "this JVM's compiler threads are readable");
            assertEquals(outcome.settled(), outcome.compilerCorePercent() <= JitWarmUp.QUIET_CORE_PERCENT);
            assertTrue(outcome.took().compareTo(length) >= 0, "at least its length: " + outcome.took());
            assertTrue(outcome.took().compareTo(length.multipliedBy(2).plusSeconds(2)) < 0,
                    "at most its length again in checks: " + outcome.took());
            // 100/s for 0.2 s, 200/s for 0.2 s, 400/s for 1.4 s: 20 + 40 + 560 = 620 at least
            assertTrue(outcome.scheduled() >= 610, "every stage sent its requests, was " + outcome.scheduled());
            assertEquals(0, outcome.errors());
            assertTrue(outcome.summary().contains("of one core at its end"), outcome.summary());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
