package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools the checks need (kubectl, npm, node, promtool); a missing tool fails, never skips. */
final class Commands {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Commands() {
    }

    static Result run(List<String> command, Path workDir, Duration timeout, String whatItIsFor) {
        Path out = tempFile("out");
        Path err = tempFile("err");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            return fail("Cannot run `" + command.get(0) + "` (" + e.getMessage() + "). It is needed " + whatItIsFor
                    + ". " + installHint(Path.of(command.get(0)).getFileName().toString())
                    + " (see docs/operations.md, \"CI checks\").");
        }
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("`" + String.join(" ", command) + "` did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command);
        } catch (IOException e) {
            return fail("cannot read the output of " + command + ": " + e.getMessage());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static Result runSuccessfully(List<String> command, Path workDir, Duration timeout, String whatItIsFor) {
        Result result = run(command, workDir, timeout, whatItIsFor);
        if (result.exitCode() != 0) {
            fail("`" + String.join(" ", command) + "` exited with " + result.exitCode() + "\nstdout:\n"
                    + result.stdout() + "\nstderr:\n" + result.stderr());
        }
        return result;
    }

    /** The same tool names as the README's "Tests" section and deploy/local/ensure-infra.sh. */
    static String installHint(String tool) {
        return switch (tool) {
            case "kubectl" -> "Install kubectl 1.27 or newer (it embeds Kustomize) or point KUBECTL at one";
            case "node", "npm" -> "Install Node.js 20 with npm";
            case "promtool" -> "Install promtool: run deploy/local/ensure-infra.sh as root (apt-get install prometheus),"
                    + " or point PROMTOOL at one";
            default -> "Install `" + tool + "` and put it on the PATH";
        };
    }

    private static Path tempFile(String suffix) {
        try {
            return Files.createTempFile("deploy-tests-", "." + suffix);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
