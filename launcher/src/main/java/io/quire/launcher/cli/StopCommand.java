package io.quire.launcher.cli;

import io.quire.launcher.InstanceFiles;
import io.quire.launcher.PidFile;
import io.quire.launcher.ProcessExit;
import io.quire.launcher.Role;
import io.quire.launcher.config.SiteConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bin/quire stop [masters|secondary_master]}: SIGTERM to the master named by the pid file,
 * then waits for it to exit. The server's shutdown stops the bundles in order, so pending
 * journal writes are synced before it exits. Without an argument, stops every master of this
 * configuration. Stopping a master that is not running succeeds with a note.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stops the master(s) of this configuration gracefully.")
final class StopCommand implements Callable<Integer> {

  private static final long STOP_TIMEOUT_SECONDS = 120;

  @ParentCommand
  QuireCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "masters|master|secondary_master",
      description = "which master to stop (default: all of this configuration)")
  String target;

  @Override
  public Integer call() throws Exception {
    SiteConfig config = cli.loadConfig();
    List<Role> roles = target == null ? List.of(Role.values()) : List.of(Role.parse(target));
    boolean stoppedAny = false;
    for (Role role : roles) {
      stoppedAny |= stop(new InstanceFiles(config.home(), role, config.webPort()));
    }
    if (!stoppedAny) {
      spec.commandLine().getOut().println("No Quire " + (target == null ? "master" : Role.parse(target).commandName())
          + " running for " + config.confDir());
    }
    return 0;
  }

  /** Returns whether a running master was stopped. */
  private boolean stop(InstanceFiles files) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PidFile pidFile = new PidFile(files.pidFile());
    Optional<ProcessHandle> process = pidFile.liveProcess();
    if (process.isEmpty()) {
      pidFile.delete();
      return false;
    }
    ProcessHandle server = process.get();
    server.destroy();
    // polled: stopping took 2.5 s here through onExit for a server gone after 0.4 s
    if (!ProcessExit.await(server, Duration.ofSeconds(STOP_TIMEOUT_SECONDS))) {
      throw new IllegalStateException("the " + files.role().commandName() + " (pid " + server.pid()
          + ") did not stop within " + STOP_TIMEOUT_SECONDS + " s; see " + files.logFile());
    }
    pidFile.delete();
    out.println("Stopped Quire " + files.role().commandName() + " (pid " + server.pid() + ")");
    return true;
  }
}
