package io.quire.client.cli;

import io.quire.client.FileEntry;
import io.quire.client.QuireClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/quire fs}: metadata operations against the running master. Each subcommand prints
 * its result on standard output and exits 0, or prints one line {@code fs: <reason>} on standard
 * error and exits 1; {@code fs -} runs one command per line of standard input (see
 * {@link BatchRunner}). Handles its own errors, so it behaves the same whether run alone or as a
 * subcommand of the launcher's command line.
 */
@Command(name = "fs", mixinStandardHelpOptions = true,
    description = "Metadata operations against the running master.")
public final class FsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--master", paramLabel = "HOST:PORT",
      description = "The master's client API; default: from the configuration folder.")
  String master;

  /**
   * When run as {@code bin/quire fs}, the launcher has resolved its own {@code --conf} and
   * published it as {@code quire.conf.dir}; run alone, the operator contract's fallbacks apply.
   */
  @Option(names = "--conf", paramLabel = "DIR",
      defaultValue = "${sys:quire.conf.dir:-${env:QUIRE_CONF_DIR:-conf}}",
      description = "Configuration folder, read for alluxio.master.hostname and "
          + "alluxio.master.web.port (default: ${DEFAULT-VALUE}).")
  Path conf;

  @Option(names = "--user", paramLabel = "NAME", defaultValue = "${sys:user.name}",
      description = "Owner of what this command creates (default: ${DEFAULT-VALUE}).")
  String user;

  private final Function<FsCommand, FsBackend> backends;
  private final InputStream stdin;
  private FsBackend backend;

  /** For picocli and the launcher: talks to the master named by the options. */
  public FsCommand() {
    this(FsCommand::clientBackend, System.in);
  }

  FsCommand(Function<FsCommand, FsBackend> backends, InputStream stdin) {
    this.backends = backends;
    this.stdin = stdin;
  }

  /** Without a subcommand: usage on standard error, exit 2 as for any usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "mkdir", description = "Create a directory.")
  int mkdir(@Option(names = "-p", description = "Create missing parents; no error if it exists.")
      boolean parents, @Parameters(paramLabel = "PATH") String path) {
    return run(() -> backend().mkdir(path, parents));
  }

  @Command(name = "touch", description = "Create an empty file.")
  int touch(@Parameters(paramLabel = "PATH") String path) {
    return run(() -> backend().touch(path));
  }

  @Command(name = "mv", description = "Move a file or directory; DST must not exist.")
  int mv(@Parameters(paramLabel = "SRC") String src, @Parameters(paramLabel = "DST") String dst) {
    return run(() -> backend().mv(src, dst));
  }

  @Command(name = "rm", description = "Delete a file or an empty directory.")
  int rm(@Option(names = {"-R", "-r"}, description = "Delete a directory with its contents.")
      boolean recursive, @Parameters(paramLabel = "PATH") String path) {
    return run(() -> backend().rm(path, recursive));
  }

  @Command(name = "ls", description = "List a directory: TYPE MODE OWNER MTIME PATH per line.")
  int ls(@Option(names = {"-R", "-r"}, description = "List everything below, sorted.")
      boolean recursive, @Parameters(paramLabel = "PATH") String path) {
    return run(() -> {
      PrintWriter out = spec.commandLine().getOut();
      for (FileEntry entry : backend().ls(path, recursive)) {
        out.println(EntryLines.lsLine(entry));
      }
    });
  }

  @Command(name = "stat", description = "Show one file or directory.")
  int stat(@Parameters(paramLabel = "PATH") String path) {
    return run(() -> spec.commandLine().getOut().println(EntryLines.statText(
        backend().stat(path))));
  }

  @Command(name = "-", description = "Run one fs command per line of standard input, printing "
      + "'ok <line>' or 'err <line>: <reason>' as each is acknowledged.")
  int batch() {
    if (stdin == null) {
      return fail("'-' cannot be nested");
    }
    BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    BatchRunner runner = new BatchRunner(this::backend, spec.commandLine().getOut());
    try {
      int failed = runner.runAll(lines);
      return failed == 0 ? 0 : 1;
    } catch (IOException e) {
      return fail("cannot read standard input: " + e.getMessage());
    }
  }

  private int run(Operation operation) {
    try {
      operation.run();
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException | RuntimeException e) {
      return fail(e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  private int fail(String reason) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("fs: " + reason.replaceAll("[\\r\\n]+", " "));
    err.flush();
    return 1;
  }

  private FsBackend backend() {
    if (backend == null) {
      backend = backends.apply(this);
    }
    return backend;
  }

  private static FsBackend clientBackend(FsCommand command) {
    try {
      String address = MasterAddress.resolve(command.master, command.conf);
      return new ClientBackend(new QuireClient(address, command.user, Duration.ofSeconds(60)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the configuration: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Operation {
    void run() throws IOException, InterruptedException;
  }
}
