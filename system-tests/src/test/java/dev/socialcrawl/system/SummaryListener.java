package dev.socialcrawl.system;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Prints the suite's closing line, {@code N passed, M failed}. */
public class SummaryListener implements TestExecutionListener {
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private long started;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        started = System.nanoTime();
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.getParentId().isPresent()) {
                failed.incrementAndGet();
            }
            return;
        }
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            passed.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println("system-tests ran in " + seconds + " s");
        System.out.println(passed.get() + " passed, " + failed.get() + " failed");
    }
}
