package io.quire.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and captures its output. */
public final class Commands {

  private Commands() {}

  /**
   * @param exitCode the process's exit code, -1 if it timed out and was killed
   * @param stdout everything it printed on standard output
   * @param stderr everything it printed on standard error
   */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public String requireSuccess() throws IOException {
      if (exitCode != 0) {
        throw new IOException(String.join(" ", command) + " exited " + exitCode + ": "
            + stderr.strip() + " " + stdout.strip());
      }
      return stdout;
    }

    /** Standard output, then standard error, as one line for a report. */
    public String oneLine() {
      return (stdout + " " + stderr).strip().replace('\n', ' ');
    }
  }

  public static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    return run(new ProcessBuilder(command), timeout);
  }

  public static Result run(ProcessBuilder builder, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = builder.command();
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      return new Result(command, -1, out.join(), err.join());
    }
    return new Result(command, process.exitValue(), out.join(), err.join());
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<unreadable: " + e + ">";
      }
    });
  }
}
