package io.quire.launcher.cli;

import io.quire.launcher.InstanceFiles;
import io.quire.launcher.PidFile;
import io.quire.launcher.Role;
import io.quire.launcher.StatusFile;
import io.quire.launcher.config.SiteConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bin/quire start [-i BACKUP_URI] [--foreground] [masters|master|secondary_master]}: starts
 * a master in the background (pid and log file under {@code logs/}, named per role and client
 * port) and returns once it serves (exit 0) or has failed (exit 1, with the reason).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Starts a master of this configuration and waits until it serves or fails.")
final class StartCommand implements Callable<Integer> {

  private static final Path DEV_NULL = Path.of("/dev/null");
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  @ParentCommand
  QuireCli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "-i", paramLabel = "BACKUP_URI", description = "restore from this backup on first start")
  String restore;

  @Option(names = "--foreground", description = "run in this terminal until stopped")
  boolean foreground;

  @Parameters(arity = "0..1", paramLabel = "masters|master|secondary_master", defaultValue = "masters",
      description = "which master to start (default: masters, the master of this configuration)")
  String target;

  @Override
  public Integer call() throws Exception {
    Role role = Role.parse(target);
    SiteConfig config = cli.loadRunnableConfig(true);
    InstanceFiles files = new InstanceFiles(config.home(), role, config.webPort());
    PidFile pidFile = new PidFile(files.pidFile());
    Optional<ProcessHandle> running = pidFile.liveProcess();
    if (running.isPresent()) {
      throw new IllegalStateException("a " + role.commandName() + " for " + config.confDir()
          + " is already running as pid " + running.get().pid() + " (" + pidFile.path() + ")");
    }
    // a path without a scheme is the operator's, relative to where they are
    Optional<String> restoreUri = Optional.ofNullable(restore).filter(s -> !s.isBlank())
        .map(uri -> uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") ? uri
            : Path.of(uri).toAbsolutePath().normalize().toUri().toString());
    List<String> command = ServerCommand.build(config, files, restoreUri, foreground);
    Files.createDirectories(files.logsDir());
    StatusFile status = new StatusFile(files.statusFile());
    status.delete();
    return foreground ? runInForeground(command) : startInBackground(command, config, files, status);
  }

  private int runInForeground(List<String> command) throws Exception {
    Process server = new ProcessBuilder(command).inheritIO().start();
    Thread forward = new Thread(() -> stopChild(server), "quire-forward-stop");
    Runtime.getRuntime().addShutdownHook(forward);
    int exit = server.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(forward);
    } catch (IllegalStateException shuttingDown) {
      // this process is being stopped (SIGTERM): the hook has forwarded the stop already
    }
    return exit;
  }

  private int startInBackground(List<String> command, SiteConfig config, InstanceFiles files, StatusFile status)
      throws Exception {
    List<String> detached = new ArrayList<>();
    boolean waiter = Files.isExecutable(SETSID);
    if (waiter) {
      // The server runs in its own session, so that a hang-up of this terminal does not reach
      // it, as a child of setsid, which waits for it (-w): our child is the waiter. See
      // leaveServer for why.
      detached.addAll(List.of(SETSID.toString(), "--fork", "--wait"));
    }
    detached.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(detached)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()));
    if (Files.exists(DEV_NULL)) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File(DEV_NULL.toString())));
    }
    Process started = builder.start();
    StartOutcome outcome = StartOutcome.await(started, status, files.logFile(),
        config.startupTimeout().plusSeconds(90));
    if (!outcome.serving()) {
      throw new IllegalStateException(outcome.detail());
    }
    long pid = waiter ? leaveServer(started) : started.pid();
    spec.commandLine().getOut().println("Quire " + files.role().commandName() + " serving (pid " + pid
        + "): " + outcome.detail() + "; log " + files.logFile());
    return 0;
  }

  /**
   * Ends the setsid that waits for the serving server and returns the server's pid. While a
   * child of this JVM runs, a thread of ours waits for it inside a system call, and HotSpot's
   * exit waits up to 300 ms for such threads (JDK 17): with the server as our child, every
   * {@code bin/quire start} took 0.3 s longer to return than the start took. Until the server
   * serves, its exit code still reaches us through the waiting setsid.
   */
  private static long leaveServer(Process waiter) throws InterruptedException {
    long server = waiter.toHandle().children().findFirst().map(ProcessHandle::pid)
        .orElseThrow(() -> new IllegalStateException("the master serves but setsid (pid "
            + waiter.pid() + ") has no child process"));
    waiter.destroy();
    waiter.waitFor();
    return server;
  }

  private static void stopChild(Process server) {
    server.destroy();
    try {
      server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
